package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.MessageView;

/** One change-feed row: a message as of one write; its {@code timestamp} is the feed stamp. */
public record FeedRow(MessageView message, ChangeReason reason) {}

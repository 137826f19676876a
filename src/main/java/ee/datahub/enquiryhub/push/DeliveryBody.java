package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.feed.FeedRow;

/** The body a push delivery carries for one change; API v2 gives it, as its own change (spec §7). */
public interface DeliveryBody {

    String of(FeedRow change);
}

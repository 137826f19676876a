package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v2 answers (spec §7): the enquiry with its answers, a list page, a feed page; the enquiry and the change
 * as {@link V2Representation} writes them (push deliveries share it). Absent fields are left out.
 */
final class V2Json {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private V2Json() {}

    static String enquiry(EnquiryView enquiry) {
        return JSON.writeValueAsString(V2Representation.enquiry(JSON.createObjectNode(), enquiry));
    }

    static String page(Page<EnquiryView> page) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        page.content().forEach(enquiry -> V2Representation.enquiry(content.addObject(), enquiry));
        root.put("page", page.page());
        root.put("size", page.size());
        root.put("totalElements", page.totalElements());
        root.put("totalPages", page.totalPages());
        return JSON.writeValueAsString(root);
    }

    static String changes(ChangeFeed.Changes changes) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        changes.content().forEach(change -> content.addPOJO(V2Representation.changeWriter(change)));
        root.put("nextCursor", changes.nextCursor());
        return JSON.writeValueAsString(root);
    }

    static String etag(EnquiryView enquiry) {
        return "\"" + enquiry.version() + "\"";
    }
}

package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** A supplier's enquiry sent through the web forms as a browser sends them (fill in, check, send), by a {@link WebClient}. */
public final class WebEnquiries {

    private static final Pattern DOCUMENT_ID = Pattern.compile("name=\"documentId\" value=\"([^\"]+)\"");

    private WebEnquiries() {}

    /** Sends an enquiry about the metering point through the forms of a logged-in supplier; returns its id. */
    public static String send(WebClient web, String meter, String comment) {
        var form = web.get("/web/enquiries/new");
        assertThat(form.statusCode()).as("the new enquiry form").isEqualTo(200);
        var matcher = DOCUMENT_ID.matcher(form.body());
        assertThat(matcher.find()).isTrue();
        var fields = new LinkedHashMap<String, String>(Map.of(
                "documentId",
                matcher.group(1),
                "meterEic",
                meter,
                "customerEic",
                Party.CUSTOMER,
                "topic",
                "DATA",
                "referenceValue",
                "",
                "requestComment",
                comment,
                "receiverEic",
                ""));
        var check = web.submit("/web/enquiries/new", "/web/enquiries/check", fields);
        assertThat(check.statusCode()).as("the check page: %s", check.body()).isEqualTo(200);
        fields.put("_csrf", WebClient.csrfOf(check.body()));
        var sent = web.post("/web/enquiries", fields);
        assertThat(sent.statusCode()).as("sent: %s", sent.body()).isEqualTo(200);
        var path = sent.uri().getPath();
        assertThat(path).startsWith("/web/enquiries/");
        return path.substring("/web/enquiries/".length());
    }
}

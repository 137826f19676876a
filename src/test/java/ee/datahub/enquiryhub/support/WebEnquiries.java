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

    /** Answers an enquiry through the answer form of a logged-in grid operator ({@code OPEN} or {@code CLOSE}). */
    public static void answer(WebClient web, String id, String status, String text) {
        var form = web.get("/web/enquiries/" + id + "/answer");
        assertThat(form.statusCode()).as("the answer form: %s", form.body()).isEqualTo(200);
        var fields = new LinkedHashMap<String, String>();
        fields.put("documentId", field(form.body(), "documentId"));
        fields.put("version", field(form.body(), "version"));
        fields.put("answerStatus", status);
        fields.put("responseComment", text);
        fields.put("_csrf", WebClient.csrfOf(form.body()));
        var sent = web.post("/web/enquiries/" + id + "/answer", fields);
        assertThat(sent.statusCode()).as("answered: %s", sent.body()).isEqualTo(200);
        assertThat(sent.uri().getPath()).isEqualTo("/web/enquiries/" + id);
    }

    private static String field(String html, String name) {
        var matcher =
                Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as("the form has %s", name).isTrue();
        return matcher.group(1);
    }
}

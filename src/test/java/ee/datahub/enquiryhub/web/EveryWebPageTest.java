package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.HubApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page of the web interface ({@link WebTour}: every role, anonymous pages included), at the HTTP
 * level: in Estonian and in English no text is an unresolved message key ({@code ??key_et??}); and with
 * hostile query strings (a raw {@code =} in a value, malformed escapes, empty names, a second
 * {@code lang}) each answers its page or a 4xx, never a 5xx, and nothing the client sent reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class EveryWebPageTest extends HubApiTest {

    private static final Pattern UNRESOLVED = Pattern.compile("\\?\\?[^?\\s<>\"]+\\?\\?");

    @Autowired
    People people;

    @Autowired
    TechnicalUsers technicalUsers;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private WebTour tour;

    @BeforeEach
    void data() {
        tour = WebTour.prepare("http://localhost:" + port, hub, people, technicalUsers);
    }

    @Test
    void theTourOpensEveryPageOfTheWebInterface() {
        assertThat(tour.uncovered(mappings))
                .as("GET pages of the web interface that no test opens")
                .isEmpty();
    }

    @Test
    void noPageShowsAnUnresolvedMessageKeyInEitherLanguage() {
        var browsers = tour.browsers();
        var found = new ArrayList<String>();
        for (var language : List.of("et", "en")) {
            for (var stop : tour.stops) {
                var page = browsers.get(stop.who()).get(withQuery(stop.path(), "lang=" + language));
                assertThat(page.statusCode())
                        .as("%s opens %s in %s", who(stop), stop.path(), language)
                        .isLessThan(500);
                var keys = UNRESOLVED.matcher(page.body());
                while (keys.find()) {
                    found.add(language + " " + stop.path() + " (" + who(stop) + "): " + keys.group());
                }
            }
        }
        assertThat(found).as("unresolved message keys").isEmpty();
    }

    @Test
    void hostileQueryStringsAnswerThePageOrA4xxAndNeverReachTheLog(CapturedOutput output) {
        var browsers = tour.browsers();
        var marker =
                "38X-HOSTILE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var hostile = List.of(
                "x=" + marker + "=b",
                "q=" + marker + "fee=wrong&meterEic=" + marker + "==",
                "lang=en=" + marker,
                "lang=et&lang=" + marker,
                "=" + marker,
                "%zz" + marker + "=%",
                "page=" + marker + "&cursor=" + marker + "&wait=" + marker + "&draft=" + marker,
                "&&=&" + marker + "&x=%E2%82",
                "createdFrom=" + marker + "&from=" + marker + "=&to=" + marker);
        var failures = new ArrayList<String>();
        for (var stop : tour.stops) {
            for (var query : hostile) {
                var page = browsers.get(stop.who()).getAsWritten(withQuery(stop.path(), query));
                if (page.status() >= 500) {
                    failures.add(page.status() + " " + stop.path() + " ? " + query + " (" + who(stop) + ")");
                }
            }
        }
        assertThat(failures).as("pages that failed on a hostile query").isEmpty();
        assertThat(output.getAll()).as("what the clients sent, in the log").doesNotContain(marker);
    }

    private static String who(WebTour.Stop stop) {
        return stop.who().isEmpty() ? "nobody logged in" : stop.who();
    }

    private static String withQuery(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }
}

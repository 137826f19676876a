package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.WebClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page of the web interface as its people open it: for each role (anonymous, supplier, viewer,
 * grid operator, participant ADMIN, hub operator, a person of several contexts) the pages it works with,
 * each by its address template and an address of real data. {@link #uncovered} names any GET page of
 * the web package the tour misses, so that a new page cannot be left out.
 */
final class WebTour {

    /** One page: who opens it (a username, or empty for nobody logged in), its template and its address. */
    record Stop(String who, String template, String path) {}

    private static final Pattern DOCUMENT_ID = Pattern.compile("name=\"documentId\" value=\"([^\"]+)\"");
    private static final Pattern SUBSCRIPTION = Pattern.compile("href=\"/web/admin/subscriptions/([0-9a-f-]{36})\"");

    final String admin;
    final List<Stop> stops;
    private final String baseUrl;

    private WebTour(String baseUrl, String admin, List<Stop> stops) {
        this.baseUrl = baseUrl;
        this.admin = admin;
        this.stops = stops;
    }

    /**
     * Data for every page: an enquiry of supplier A to grid operator A with the grid operator's answer,
     * and a fresh grid operator with an ADMIN (also an editor) who has a push subscription.
     */
    static WebTour prepare(String baseUrl, HubClient hub, People people, TechnicalUsers technicalUsers) {
        Actor supplier = hub.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        Actor grid = hub.as(Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY");
        var enquiry =
                supplier.send(EnquiryJson.anEnquiry().about(Party.METER_GRID_A).comment("a tour of the pages"));
        var answer = grid.answerId(enquiry, "OPEN", "looking into it");

        var party = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var admin = "tour-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(admin, "Tiina Tuur", false);
        people.grant(
                admin,
                "Tiina Tuur",
                new Grant(
                        new Eic(party.eic()),
                        MarketRole.GRID_OPERATOR,
                        Commodity.ELECTRICITY,
                        Set.of(Permission.ADMIN, Permission.EDITOR_DIRECT_MESSAGE)),
                "test");
        people.setEmbeddedPassword(admin, "demo");
        var web = new WebClient(baseUrl);
        web.logIn(admin, "demo");
        var list = web.get("/web/admin/subscriptions");
        var matcher = DOCUMENT_ID.matcher(list.body());
        assertThat(matcher.find()).isTrue();
        var fields = new LinkedHashMap<String, String>();
        fields.put("documentId", matcher.group(1));
        fields.put("url", "http://127.0.0.1:9/tour-hook");
        fields.put("kinds", "ALL");
        fields.put("active", "false");
        fields.put("_csrf", WebClient.csrfOf(list.body()));
        var created = web.post("/web/admin/subscriptions", fields);
        var id = SUBSCRIPTION.matcher(created.body());
        assertThat(id.find())
                .as("a subscription for the tour: %s", created.body())
                .isTrue();
        var subscription = id.group(1);
        var technicalUser = technicalUsers
                .createFor(new Eic(party.eic()), "tour", Set.of(Permission.VIEWER_DIRECT_MESSAGE))
                .user()
                .clientId();

        var stops = new ArrayList<Stop>();
        for (var anonymous : List.of(
                "/", "/web", "/web/", "/web/signed-out", "/web/login-failed", "/idp/login", "/web/no-such-page")) {
            stops.add(new Stop("", template(anonymous), anonymous));
        }
        stops.add(new Stop("", "/mail/confirm/{token}", "/mail/confirm/not-a-token"));
        stops.add(new Stop("", "/mail/unsubscribe/{token}", "/mail/unsubscribe/not-a-token"));
        var e = "/web/enquiries/" + enquiry;
        for (var path : List.of(
                "/web/",
                "/web/context",
                "/web/enquiries",
                "/web/enquiries/changes?cursor=none&wait=0",
                "/web/enquiries/export?view=all",
                "/web/enquiries/new",
                "/web/enquiries/check?draft=none",
                e,
                e + "/change",
                e + "/cancel",
                e + "/close",
                "/web/mail",
                "/web/mail/address/removal",
                "/web/mail/enquiries/" + enquiry,
                "/web/mail/enquiries",
                "/web/demo/mailbox",
                "/web/no-such-page")) {
            stops.add(new Stop("mari", template(path), path));
        }
        for (var path : List.of("/web/", "/web/enquiries", e)) {
            stops.add(new Stop("jaan", template(path), path));
        }
        for (var path : List.of("/web/", "/web/enquiries", e, e + "/answer", e + "/answers/" + answer + "/change")) {
            stops.add(new Stop("kati", template(path), path));
        }
        stops.add(new Stop("peeter", "/web/context", "/web/context"));
        for (var path : List.of(
                "/web/",
                "/web/admin/technical-users",
                "/web/admin/technical-users/" + technicalUser + "/revoke",
                "/web/admin/people",
                "/web/admin/subscriptions",
                "/web/admin/subscriptions/" + subscription,
                "/web/admin/subscriptions/" + subscription + "/delete")) {
            stops.add(new Stop(admin, template(path), path));
        }
        stops.add(new Stop(
                admin,
                "/web/admin/people/revoke",
                "/web/admin/people/revoke?subject=" + admin + "&role=GRID_OPERATOR&commodity=ELECTRICITY"));
        stops.add(new Stop("anne", "/web/admin/people", "/web/admin/people"));
        stops.add(new Stop(
                "anne",
                "/web/admin/people/revoke",
                "/web/admin/people/revoke?subject=anne&role=OPEN_SUPPLIER&commodity=ELECTRICITY"));
        for (var path : List.of(
                "/web/",
                "/web/operator/participants",
                "/web/operator/metering-points",
                "/web/operator/audit",
                "/web/operator/statistics",
                "/web/operator/mail")) {
            stops.add(new Stop("helen", template(path), path));
        }
        return new WebTour(baseUrl, admin, List.copyOf(stops));
    }

    /** Adds the stops of pages that need more than an address (the people page's confirmation of a revocation). */
    WebTour with(Stop... more) {
        var all = new ArrayList<>(stops);
        all.addAll(List.of(more));
        return new WebTour(baseUrl, admin, List.copyOf(all));
    }

    /** The people on the tour, each logged in with a browser of its own (nobody's is the anonymous one). */
    Map<String, WebClient> browsers() {
        var browsers = new LinkedHashMap<String, WebClient>();
        for (var stop : stops) {
            browsers.computeIfAbsent(stop.who(), who -> {
                var web = new WebClient(baseUrl);
                if (!who.isEmpty()) {
                    web.logIn(who, "demo");
                }
                if (who.equals("peeter")) {
                    var choice = web.get("/web/context");
                    web.post(
                            "/web/context",
                            Map.of(
                                    "context",
                                    "38X-EIN-ALL----B/GRID_OPERATOR/ELECTRICITY",
                                    "_csrf",
                                    WebClient.csrfOf(choice.body())));
                }
                return web;
            });
        }
        return browsers;
    }

    /** The GET pages of the web package (by address template) that no stop of the tour opens. */
    Set<String> uncovered(RequestMappingHandlerMapping mappings) {
        var toured = stops.stream().map(Stop::template).collect(Collectors.toSet());
        return mappings.getHandlerMethods().entrySet().stream()
                .filter(entry -> entry.getValue().getBeanType().getPackageName().equals(WebTour.class.getPackageName()))
                .filter(entry -> {
                    var methods = entry.getKey().getMethodsCondition().getMethods();
                    return methods.isEmpty() || methods.contains(RequestMethod.GET);
                })
                .flatMap(entry -> entry.getKey().getPatternValues().stream())
                .filter(pattern -> !toured.contains(pattern))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    // The address template of a tour's address: ids in the path as the controllers name them.
    private static String template(String path) {
        var plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (plain.equals("/web/no-such-page")) {
            return "/web/**";
        }
        if (plain.equals("/web/")) {
            return "/web/";
        }
        return plain.replaceAll("/enquiries/[0-9a-f-]{36}/answers/[0-9a-f-]{36}", "/enquiries/{id}/answers/{answerId}")
                .replaceAll("/web/enquiries/[0-9a-f-]{36}", "/web/enquiries/{id}")
                .replaceAll("/web/mail/enquiries/[0-9a-f-]{36}", "/web/mail/enquiries/{id}")
                .replaceAll("/subscriptions/[0-9a-f-]{36}", "/subscriptions/{id}")
                .replaceAll("/technical-users/[^/]+/revoke", "/technical-users/{clientId}/revoke");
    }
}

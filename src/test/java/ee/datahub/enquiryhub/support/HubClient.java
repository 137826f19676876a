package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Talks to a running hub over real HTTP, with real tokens from a real token endpoint: the hub's own
 * (default start) or an external issuer's (e.g. Keycloak's).
 */
public final class HubClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record CachedToken(String value, Instant fetched) {}

    private final String baseUrl;
    private final String tokenEndpoint;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    /** A hub with its embedded token issuer. */
    public HubClient(String baseUrl) {
        this(baseUrl, baseUrl + "/oauth2/token");
    }

    /** A hub whose tokens come from an external issuer's token endpoint. */
    public HubClient(String baseUrl, String tokenEndpoint) {
        this.baseUrl = baseUrl;
        this.tokenEndpoint = tokenEndpoint;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A client-credentials token for the party's technical user, reused for up to four minutes. */
    public String token(Party party) {
        var cached = tokens.get(party.clientId());
        if (cached != null && cached.fetched().isAfter(Instant.now().minus(Duration.ofMinutes(4)))) {
            return cached.value();
        }
        var response = tokenRequest(party.clientId(), party.secret());
        assertThat(response.status())
                .as("token for %s: %s", party.clientId(), response)
                .isEqualTo(200);
        var token = response.json().get("access_token").stringValue();
        tokens.put(party.clientId(), new CachedToken(token, Instant.now()));
        return token;
    }

    /** The token endpoint, Keycloak-shaped: client credentials by HTTP Basic. */
    public Response tokenRequest(String clientId, String secret) {
        var basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=openid")));
    }

    /** A v1 request with fresh document headers; {@code extraHeaders} may override or remove (null) them. */
    public Response v1(String method, String path, Party as, String body, Map<String, String> extraHeaders) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", "Bearer " + token(as));
        headers.put("Content-Type", "application/json");
        headers.put("x-document-identification", UUID.randomUUID().toString());
        headers.put("x-document-date-time", "2026-11-27T09:15:00+02:00");
        headers.putAll(extraHeaders);
        return request(method, path, headers, body);
    }

    /**
     * A v2 request: the context in its headers, a fresh document id on writes (POST, PUT);
     * {@code extraHeaders} may override or remove (null) any of them.
     */
    public Response v2(
            String method,
            String path,
            Party as,
            String role,
            String commodity,
            String body,
            Map<String, String> extraHeaders) {
        return request(method, path, v2Headers(method, as, role, commodity, body != null, extraHeaders), body);
    }

    /** The headers of a v2 request (see {@link #v2(String, String, Party, String, String, String, Map)}). */
    public Map<String, String> v2Headers(
            String method, Party as, String role, String commodity, boolean hasBody, Map<String, String> extraHeaders) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", "Bearer " + token(as));
        headers.put("x-market-participant-eic", as.eic());
        headers.put("x-market-participant-role", role);
        headers.put("x-commodity-type", commodity);
        if (hasBody) {
            headers.put("Content-Type", "application/json");
        }
        if (method.equals("POST") || method.equals("PUT")) {
            headers.put("x-document-identification", UUID.randomUUID().toString());
        }
        headers.putAll(extraHeaders);
        return headers;
    }

    /** The same party acting through API v2. */
    public V2Actor v2(Party party, String role, String commodity) {
        return new V2Actor(this, party, role, commodity);
    }

    public Response v1(String method, String path, Party as, JsonNode body) {
        return v1(method, path, as, body.toString(), Map.of());
    }

    /** Any request; a header whose value is null is left out. */
    public Response request(String method, String path, Map<String, String> headers, String body) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach((name, value) -> {
            if (value != null) {
                builder.header(name, value);
            }
        });
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(builder);
    }

    /** Any request with a body of raw bytes (e.g. not UTF-8); a header whose value is null is left out. */
    public Response requestBytes(String method, String path, Map<String, String> headers, byte[] body) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach((name, value) -> {
            if (value != null) {
                builder.header(name, value);
            }
        });
        builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return send(builder);
    }

    /** An API call authenticated as the party, JSON in and out (admin APIs). */
    public Response call(String method, String path, Party as, String body) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", "Bearer " + token(as));
        headers.put("Content-Type", "application/json");
        return request(method, path, headers, body);
    }

    /** Registers a fresh participant through the hub operator's API, with an ADMIN technical user. */
    public Party registerParty(java.util.List<String> roles, java.util.List<String> commodities) {
        var eic = Eics.party();
        var body = EnquiryJson.object("eic", eic, "name", "Test participant " + eic);
        var roleArray = body.putArray("roles");
        roles.forEach(roleArray::add);
        var commodityArray = body.putArray("commodities");
        commodities.forEach(commodityArray::add);
        var registered = call("POST", "/api/operator/participants", Party.HUB_OPERATOR, body.toString());
        assertThat(registered.status())
                .as("register participant: %s", registered)
                .isEqualTo(201);
        var clientId = "t-" + UUID.randomUUID();
        var admin = call(
                "POST",
                "/api/operator/participants/" + eic + "/technical-users",
                Party.HUB_OPERATOR,
                EnquiryJson.object("clientId", clientId).toString());
        assertThat(admin.status()).as("appoint admin: %s", admin).isEqualTo(201);
        return new Party(eic, clientId, admin.json().get("clientSecret").stringValue());
    }

    /** Registers a fresh metering point of the grid operator. */
    public String registerMeteringPoint(Party gridOperator, String commodity) {
        var eic = Eics.meteringPoint();
        var response = call(
                "POST",
                "/api/operator/metering-points",
                Party.HUB_OPERATOR,
                EnquiryJson.object("eic", eic, "gridOperatorEic", gridOperator.eic(), "commodity", commodity)
                        .toString());
        assertThat(response.status())
                .as("register metering point: %s", response)
                .isEqualTo(201);
        return eic;
    }

    /** A further technical user of the party with the given permissions, created by its ADMIN. */
    public Party technicalUser(Party admin, String... permissions) {
        var body =
                EnquiryJson.object("suffix", "u" + UUID.randomUUID().toString().substring(0, 8));
        var array = body.putArray("permissions");
        for (var permission : permissions) {
            array.add(permission);
        }
        var response = call("POST", "/api/participant/technical-users", admin, body.toString());
        assertThat(response.status()).as("create technical user: %s", response).isEqualTo(201);
        return new Party(
                admin.eic(),
                response.json().get("clientId").stringValue(),
                response.json().get("clientSecret").stringValue());
    }

    public Actor as(Party party, String role, String commodity) {
        return new Actor(this, party, role, commodity);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            return new Response(0, HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString())).withStatus();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

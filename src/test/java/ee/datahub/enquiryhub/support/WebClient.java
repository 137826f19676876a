package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser without the browser, for HTTP-level tests of the web interface: a cookie jar,
 * redirects followed, the real login through the embedded provider's form, and form posts with the
 * page's CSRF token.
 */
public final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public WebClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Logs in as a demo person through the web interface, the provider's login form and back. */
    public HttpResponse<String> logIn(String username, String password) {
        var loginPage = get("/web/");
        assertThat(loginPage.uri().getPath())
                .as("the web interface sends a stranger to the login page")
                .isEqualTo("/idp/login");
        var done = post(
                "/idp/login", Map.of("username", username, "password", password, "_csrf", csrfOf(loginPage.body())));
        assertThat(done.uri().getPath())
                .as("back in the web interface after login: %s", done.body())
                .startsWith("/web/");
        return done;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** A form post (application/x-www-form-urlencoded) of exactly these fields. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        var body = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A form post of these fields in this order, a name given more than once (ticked checkboxes) included. */
    public HttpResponse<String> post(String path, java.util.List<Map.Entry<String, String>> fields) {
        var body = fields.stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A form post with the CSRF token of the page at {@code pagePath}, as the page's own form sends it. */
    public HttpResponse<String> submit(String pagePath, String path, Map<String, String> fields) {
        var withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfOf(get(pagePath).body()));
        return post(path, withToken);
    }

    /**
     * A GET of {@code target} exactly as written (a query no URI class accepts, e.g. {@code %zz}), with this
     * browser's cookies; redirects are not followed.
     */
    public RawHttp.Answer getAsWritten(String target) {
        var cookieLine = cookies.getCookieStore().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        var port = URI.create(baseUrl).getPort();
        var accept = "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";
        return cookieLine.isEmpty()
                ? RawHttp.send(port, "GET", target, accept)
                : RawHttp.send(port, "GET", target, accept, "Cookie: " + cookieLine);
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .findFirst();
    }

    public static String csrfOf(String html) {
        var matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("the page has a form with a CSRF token").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // As a browser asks for pages (the provider sends only such requests to its login page).
            request.setHeader("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses ({@code /../}, {@code ;}, {@code //}, encoded slashes or
 * periods, control characters in a path or header): 400 invalid-path in the hub's shape with a trace id,
 * counted per source (not logged per request). Spring's default answered with the container's error
 * page, which the hub then mislabelled {@code malformed-json}.
 */
final class RejectedRequests implements RequestRejectedHandler {

    private final RefusalCounts refusals;

    RejectedRequests(RefusalCounts refusals) {
        this.refusals = refusals;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        var error = new HubException(
                ErrorCode.INVALID_PATH,
                "The request path or a header holds something the hub does not accept (such as /../, //, ';' or an"
                        + " encoded '/' or '.'); send the path in its plain form",
                "path");
        refusals.count(request, null, error.error().code());
        ErrorResponses.writeUnlogged(request, response, error);
    }
}

package ee.datahub.enquiryhub.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The embedded OpenID provider's login page (default start only), in the web interface's style and
 * languages; the form posts to the provider's login ({@code security.EmbeddedWebLogin}).
 */
@Controller
@ConditionalOnProperty(name = "hub.auth.embedded-issuer", havingValue = "true", matchIfMissing = true)
class ProviderLoginPage {

    @GetMapping("/idp/login")
    String login(
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "expired", required = false) String expired,
            @RequestParam(name = "locked", required = false) String locked,
            Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("expired", expired != null);
        // the minutes until the login limit lets another attempt through (security.LoginAttempts)
        model.addAttribute("lockedMinutes", locked == null || !locked.matches("[0-9]{1,4}") ? null : locked);
        return "idp/login";
    }
}

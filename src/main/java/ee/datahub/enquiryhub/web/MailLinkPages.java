package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.mail.Notifications;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The pages email links lead to, without login: the link is the credential (signed by the hub). A
 * confirmation link asks, then confirms the address on a POST; an unsubscribe link asks, then turns
 * that email off on a POST — the POST a mail client sends for RFC 8058's one-click unsubscribe
 * ({@code List-Unsubscribe=One-Click}) too. A GET changes nothing (mail scanners open links).
 */
@Controller
class MailLinkPages {

    private final Notifications notifications;
    private final ParticipantRegister participants;

    MailLinkPages(Notifications notifications, ParticipantRegister participants) {
        this.notifications = notifications;
        this.participants = participants;
    }

    @GetMapping("/mail/confirm/{token}")
    String confirmation(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("outcome", null);
        return "web/mail/confirm";
    }

    @PostMapping("/mail/confirm/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        var outcome = notifications.confirm(token, trail(request));
        if (outcome != Notifications.Confirmation.CONFIRMED) {
            response.setStatus(outcome == Notifications.Confirmation.EXPIRED ? 410 : 404);
        }
        model.addAttribute("token", token);
        model.addAttribute("outcome", outcome.name());
        return "web/mail/confirm";
    }

    @GetMapping("/mail/unsubscribe/{token}")
    String unsubscription(@PathVariable String token, Model model, HttpServletResponse response) {
        var target = notifications.unsubscription(token);
        if (target.isEmpty()) {
            response.setStatus(404);
        }
        model.addAttribute("token", token);
        model.addAttribute("target", target.orElse(null));
        model.addAttribute("participantName", target.map(this::participantName).orElse(null));
        model.addAttribute("done", false);
        return "web/mail/unsubscribe";
    }

    @PostMapping("/mail/unsubscribe/{token}")
    String unsubscribe(
            @PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        var target = notifications.unsubscribe(token, trail(request));
        if (target.isEmpty()) {
            response.setStatus(404);
        }
        model.addAttribute("token", token);
        model.addAttribute("target", target.orElse(null));
        model.addAttribute("participantName", target.map(this::participantName).orElse(null));
        model.addAttribute("done", target.isPresent());
        return "web/mail/unsubscribe";
    }

    private String participantName(Notifications.Unsubscription target) {
        return participants
                .find(target.context().participant())
                .map(Participant::name)
                .orElse(target.context().participant().value());
    }

    // these pages are outside the web chain's audit filter: the service writes their entries, with the request's ids
    private static AuditTrail trail(HttpServletRequest request) {
        var requestId = TraceIdFilter.requestIdOf(request);
        return AuditTrail.ofBackgroundWork()
                .request(requestId.isEmpty() ? null : requestId, TraceIdFilter.clientAddressOf(request));
    }
}

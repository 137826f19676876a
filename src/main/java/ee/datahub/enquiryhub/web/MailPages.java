package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.mail.EmbeddedSmtp;
import ee.datahub.enquiryhub.mail.MailContext;
import ee.datahub.enquiryhub.mail.MailLanguage;
import ee.datahub.enquiryhub.mail.MailRefusal;
import ee.datahub.enquiryhub.mail.MailRefused;
import ee.datahub.enquiryhub.mail.Notifications;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's email pages, doors to {@link Notifications}: the address and language, per context what
 * it wants, and its latest emails with their failures; the links in emails that open an enquiry in its
 * context; the hub operator's view of who receives what and what failed; and, on the default start
 * only, the demo mailbox where demo people read what the embedded SMTP server received for them.
 */
@Controller
class MailPages {

    private static final int RECENT = 20;

    private final Notifications notifications;
    private final Visitors visitors;
    private final ParticipantRegister participants;
    private final ObjectProvider<EmbeddedSmtp> embeddedSmtp;

    MailPages(
            Notifications notifications,
            Visitors visitors,
            ParticipantRegister participants,
            ObjectProvider<EmbeddedSmtp> embeddedSmtp) {
        this.notifications = notifications;
        this.visitors = visitors;
        this.participants = participants;
        this.embeddedSmtp = embeddedSmtp;
    }

    /** The address form: what was typed comes back with its error. */
    record AddressForm(String address, String language) {}

    /** One context's choices; the context is its key ({@code participant/role/commodity}); an unticked box is absent. */
    record PreferenceForm(String context, Boolean newEnquiries, Boolean answers, String digestAt) {

        boolean wantsNewEnquiries() {
            return Boolean.TRUE.equals(newEnquiries);
        }

        boolean wantsAnswers() {
            return Boolean.TRUE.equals(answers);
        }
    }

    @GetMapping("/web/mail")
    String settings(Visitor visitor, Model model, Locale locale) {
        return page(visitor, model, locale, Optional.empty(), Optional.empty());
    }

    @PostMapping("/web/mail/address")
    String address(
            Visitor visitor,
            AddressForm form,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var language = MailLanguage.of(form.language())
                .orElse(MailLanguage.of(locale.getLanguage()).orElse(MailLanguage.ET));
        try {
            var saved = notifications.setAddress(visitor.person(), form.address(), language);
            redirect.addFlashAttribute(
                    "done", saved.confirmed() ? "mail-settings.saved" : "mail-settings.confirmation-sent");
            return "redirect:/web/mail";
        } catch (MailRefused refused) {
            return refused(visitor, model, locale, response, refused, Optional.of(form), Optional.empty());
        }
    }

    @PostMapping("/web/mail/address/confirmation")
    String resend(
            Visitor visitor, Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            notifications.resendConfirmation(visitor.person());
            redirect.addFlashAttribute("done", "mail-settings.confirmation-sent");
            return "redirect:/web/mail";
        } catch (MailRefused refused) {
            return refused(visitor, model, locale, response, refused, Optional.empty(), Optional.empty());
        }
    }

    @PostMapping("/web/mail/address/removal")
    String remove(Visitor visitor, RedirectAttributes redirect) {
        notifications.removeAddress(visitor.person());
        redirect.addFlashAttribute("done", "mail-settings.removed");
        return "redirect:/web/mail";
    }

    @PostMapping("/web/mail/preferences")
    String preference(
            Visitor visitor,
            PreferenceForm form,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var context = contextOf(visitor, form.context());
        Optional<LocalTime> digestAt;
        try {
            digestAt = form.digestAt() == null || form.digestAt().isBlank()
                    ? Optional.empty()
                    : Optional.of(LocalTime.parse(form.digestAt().strip())
                            .withSecond(0)
                            .withNano(0));
        } catch (DateTimeParseException e) {
            response.setStatus(400);
            model.addAttribute("preferenceError", new PreferenceError(form.context(), "mail-settings.error.time"));
            return page(visitor, model, locale, Optional.empty(), Optional.of(form));
        }
        try {
            notifications.setPreference(
                    visitor.person(), context, form.wantsNewEnquiries(), form.wantsAnswers(), digestAt);
            redirect.addFlashAttribute("done", "mail-settings.saved");
            return "redirect:/web/mail#context-" + anchor(form.context());
        } catch (MailRefused refused) {
            return refused(visitor, model, locale, response, refused, Optional.empty(), Optional.of(form));
        }
    }

    private String refused(
            Visitor visitor,
            Model model,
            Locale locale,
            HttpServletResponse response,
            MailRefused refused,
            Optional<AddressForm> address,
            Optional<PreferenceForm> preference) {
        var key = switch (refused.refusal()) {
            case MailRefusal.InvalidAddress r -> "mail-settings.error.address";
            case MailRefusal.NotYourContext r -> "mail-settings.error.context";
            case MailRefusal.KindNotOffered r -> "mail-settings.error.kind";
            case MailRefusal.NothingToConfirm r -> "mail-settings.error.nothing-to-confirm";
            case MailRefusal.TooManyConfirmations r -> "mail-settings.error.too-many";
            case MailRefusal.UnknownPerson r -> "mail-settings.error.unknown-person";
        };
        response.setStatus(
                switch (refused.refusal()) {
                    case MailRefusal.NotYourContext r -> 403;
                    case MailRefusal.UnknownPerson r -> 403;
                    case MailRefusal.TooManyConfirmations r -> 429;
                    default -> 400;
                });
        if (preference.isPresent()) {
            model.addAttribute(
                    "preferenceError", new PreferenceError(preference.get().context(), key));
        } else {
            model.addAttribute("addressError", key);
        }
        return page(visitor, model, locale, address, preference);
    }

    record PreferenceError(String context, String key) {}

    /** One context's row on the page: its names, its choices, and the key its form posts. */
    record Row(String key, String anchor, String participantName, Notifications.Preference preference) {}

    private String page(
            Visitor visitor,
            Model model,
            Locale locale,
            Optional<AddressForm> address,
            Optional<PreferenceForm> preference) {
        var setup = notifications.setup(visitor.person(), RECENT);
        var names = new HashMap<String, String>();
        var rows = setup.preferences().stream()
                .map(p -> new Row(
                        key(p.context()),
                        anchor(key(p.context())),
                        names.computeIfAbsent(
                                p.context().participant().value(),
                                eic -> participants
                                        .find(p.context().participant())
                                        .map(Participant::name)
                                        .orElse(eic)),
                        preference
                                .filter(f -> f.context().equals(key(p.context())))
                                .map(f -> new Notifications.Preference(
                                        p.context(),
                                        f.wantsNewEnquiries(),
                                        f.wantsAnswers(),
                                        Optional.empty(),
                                        Optional.empty()))
                                .orElse(p)))
                .toList();
        model.addAttribute("setup", setup);
        model.addAttribute("rows", rows);
        model.addAttribute("typedTime", preference.map(PreferenceForm::digestAt).orElse(null));
        model.addAttribute(
                "typedContext", preference.map(PreferenceForm::context).orElse(null));
        model.addAttribute(
                "addressForm",
                address.orElseGet(() -> new AddressForm(
                        setup.address().map(Notifications.Address::address).orElse(""),
                        setup.address()
                                .map(a -> a.language().code())
                                .orElse(MailLanguage.of(locale.getLanguage())
                                        .orElse(MailLanguage.ET)
                                        .code()))));
        model.addAttribute("demoMailbox", embeddedSmtp.getIfAvailable() != null);
        model.addAttribute("names", names);
        return "web/mail/settings";
    }

    /** An email's link to an enquiry: switches to the email's context (if the person still acts in it), then opens it. */
    @GetMapping("/web/mail/enquiries/{id}")
    String enquiry(
            Visitor visitor,
            @PathVariable String id,
            @RequestParam(required = false) String context,
            HttpServletRequest request) {
        var enquiry = UUID.fromString(id);
        switchTo(visitor, context, request);
        return "redirect:/web/enquiries/" + enquiry;
    }

    /** A digest's link to the list: switches to the digest's context, then opens the list. */
    @GetMapping("/web/mail/enquiries")
    String enquiries(Visitor visitor, @RequestParam(required = false) String context, HttpServletRequest request) {
        switchTo(visitor, context, request);
        return "redirect:/web/enquiries";
    }

    private void switchTo(Visitor visitor, String context, HttpServletRequest request) {
        if (context != null && visitor.contexts().stream().anyMatch(c -> c.key().equals(context))) {
            visitors.choose(request, visitor, context);
        }
    }

    @GetMapping("/web/operator/mail")
    String operator(Visitor visitor, Model model) {
        visitor.requireHubOperator();
        model.addAttribute("recipients", notifications.recipients(500));
        model.addAttribute("troubled", notifications.troubled(100));
        model.addAttribute("sending", notifications.sending());
        return "web/mail/operator";
    }

    @GetMapping("/web/demo/mailbox")
    String mailbox(Visitor visitor, Model model) {
        var server = embeddedSmtp.getIfAvailable();
        if (server == null) {
            throw new HubException(
                    ErrorCode.RESOURCE_NOT_FOUND, "The demo mailbox exists on the default start only", "path");
        }
        var address = notifications.setup(visitor.person(), 0).address();
        model.addAttribute(
                "address", address.map(Notifications.Address::address).orElse(null));
        model.addAttribute(
                "mails", address.map(a -> server.receivedBy(a.address(), 50)).orElse(java.util.List.of()));
        return "web/mail/mailbox";
    }

    private MailContext contextOf(Visitor visitor, String key) {
        return Notifications.contexts(visitor.person()).stream()
                .filter(c -> key(c).equals(key))
                .findFirst()
                .orElseThrow(() -> new HubException(
                        ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                        "You do not act as " + key,
                        "context",
                        String.valueOf(key)));
    }

    static String key(MailContext context) {
        return context.participant().value() + "/" + context.role().name() + "/"
                + context.commodity().name();
    }

    private static String anchor(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "-");
    }
}

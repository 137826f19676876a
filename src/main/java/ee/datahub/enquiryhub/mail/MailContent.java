package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.platform.PublicSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes the emails, in the person's language, as a plain-text and an HTML part from the templates in
 * {@code mail/templates} and the texts in {@code mail/messages_*.properties}. An email names the
 * topic, reference, sender and receiver organisations, due time and a link: never the customer, the
 * metering point or any comment.
 */
@Component
class MailContent {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.uuuu");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm");

    private final SpringTemplateEngine engine;
    private final ResourceBundleMessageSource texts;
    private final ParticipantRegister participants;
    private final String base;

    MailContent(ParticipantRegister participants, PublicSettings publicSettings) {
        this.participants = participants;
        this.base = publicSettings.publicBaseUrl().replaceAll("/+$", "");
        this.texts = new ResourceBundleMessageSource();
        texts.setBasename("mail/messages");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        this.engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        engine.setTemplateEngineMessageSource(texts);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/templates/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** An email ready to send: its subject, both parts, and its unsubscribe link (none for a confirmation). */
    record Letter(String subject, String text, String html, Optional<String> unsubscribeUrl) {}

    /** One enquiry as emails show it. */
    record Item(String topic, String reference, String sender, String receiver, String due, String url) {}

    /** A titled list of enquiries in a digest. */
    record Group(String title, List<Item> items) {}

    Letter confirmation(MailLanguage language, String name, String confirmUrl, Instant validUntil) {
        var variables = new HashMap<String, Object>();
        variables.put("name", name);
        variables.put("confirmUrl", confirmUrl);
        variables.put("validUntil", MINUTE.format(validUntil.atZone(Digests.TALLINN)));
        return letter(
                language, "confirmation", text(language, "mail.subject.CONFIRMATION"), variables, Optional.empty());
    }

    /** A new enquiry received (no {@code answer}) or an answer to an enquiry sent. */
    Letter instant(
            MailLanguage language,
            String name,
            MailContext context,
            EnquiryView enquiry,
            Optional<AnswerView> answer,
            String unsubscribeUrl) {
        var item = item(language, context, enquiry);
        var kind = answer.isPresent() ? Kind.ANSWER : Kind.NEW_ENQUIRY;
        var variables = common(language, name, context, kind, unsubscribeUrl);
        variables.put("item", item);
        variables.put(
                "lead",
                answer.isPresent()
                        ? text(language, "mail.answer.lead", item.receiver(), item.sender())
                        : text(language, "mail.new.lead", item.sender(), item.receiver()));
        variables.put(
                "answer",
                answer.map(a -> text(language, "mail.answer." + a.status().name()))
                        .orElse(null));
        var about = item.topic() + (enquiry.reference().isPresent() ? " " + item.reference() : "");
        var subject = text(
                language, "mail.subject." + kind.name(), about, answer.isPresent() ? item.receiver() : item.sender());
        return letter(language, "instant", subject, variables, Optional.of(unsubscribeUrl));
    }

    /** The digest of a context as of a moment: the overdue and the due-soon enquiries, {@code more} when some were left out. */
    Letter digest(
            MailLanguage language,
            String name,
            MailContext context,
            Instant asOf,
            List<EnquiryView> due,
            boolean more,
            String unsubscribeUrl) {
        var overdue = due.stream()
                .filter(e -> !e.dueAt().isAfter(asOf))
                .map(e -> item(language, context, e))
                .toList();
        var soon = due.stream()
                .filter(e -> e.dueAt().isAfter(asOf))
                .map(e -> item(language, context, e))
                .toList();
        var groups = new java.util.ArrayList<Group>();
        if (!overdue.isEmpty()) {
            groups.add(new Group(text(language, "mail.digest.overdue"), overdue));
        }
        if (!soon.isEmpty()) {
            groups.add(new Group(text(language, "mail.digest.soon"), soon));
        }
        var variables = common(language, name, context, Kind.DIGEST, unsubscribeUrl);
        var local = asOf.atZone(Digests.TALLINN);
        variables.put(
                "lead",
                text(language, "mail.digest.lead", participantName(context.participant()), MINUTE.format(local)));
        variables.put("groups", groups);
        variables.put("more", more);
        variables.put("inboxUrl", contextUrl("/web/mail/enquiries", context));
        var subject = text(
                language,
                "mail.subject.DIGEST",
                DAY.format(local),
                String.valueOf(overdue.size()) + (more ? "+" : ""),
                String.valueOf(soon.size()) + (more ? "+" : ""));
        return letter(language, "digest", subject, variables, Optional.of(unsubscribeUrl));
    }

    String url(String path) {
        return base + path;
    }

    private Map<String, Object> common(
            MailLanguage language, String name, MailContext context, Kind kind, String unsubscribeUrl) {
        var variables = new HashMap<String, Object>();
        variables.put("name", name);
        variables.put("preferencesUrl", url("/web/mail"));
        variables.put("unsubscribeUrl", unsubscribeUrl);
        variables.put(
                "why",
                text(
                        language,
                        "mail.why." + kind.name(),
                        participantName(context.participant()),
                        text(language, "mail.role." + context.role().name()),
                        text(language, "mail.commodity." + context.commodity().name())));
        return variables;
    }

    private Item item(MailLanguage language, MailContext context, EnquiryView enquiry) {
        return new Item(
                text(language, "mail.topic." + enquiry.topic().name()),
                enquiry.reference().map(Reference::value).orElse(text(language, "mail.none")),
                participantName(enquiry.sender()),
                participantName(enquiry.receiver()),
                text(
                        language,
                        "mail.due",
                        DAY.format(enquiry.dueAt().minusNanos(1).atZone(Digests.TALLINN))),
                contextUrl("/web/mail/enquiries/" + enquiry.id().value(), context));
    }

    // A page of the web interface in the email's context (the link switches the person to it).
    private String contextUrl(String path, MailContext context) {
        var key = context.participant().value() + "/" + context.role().name() + "/"
                + context.commodity().name();
        return url(path) + "?context=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private String participantName(Eic eic) {
        return participants.find(eic).map(Participant::name).orElse(eic.value());
    }

    private String text(MailLanguage language, String key, Object... arguments) {
        return texts.getMessage(key, arguments, language.locale());
    }

    private Letter letter(
            MailLanguage language,
            String template,
            String subject,
            Map<String, Object> variables,
            Optional<String> unsubscribeUrl) {
        var context = new Context(language.locale(), variables);
        context.setVariable("lang", language.code());
        context.setVariable("title", subject);
        return new Letter(
                subject,
                engine.process(template + ".txt", context),
                engine.process(template + ".html", context),
                unsubscribeUrl);
    }
}

package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.web.EnquiryForms.orEmpty;
import static ee.datahub.enquiryhub.web.EnquiryForms.text;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.push.ChangeKind;
import ee.datahub.enquiryhub.push.DeliveryQuery;
import ee.datahub.enquiryhub.push.NewSubscription;
import ee.datahub.enquiryhub.push.SubscriptionId;
import ee.datahub.enquiryhub.push.SubscriptionStatus;
import ee.datahub.enquiryhub.push.Subscriptions;
import ee.datahub.enquiryhub.web.EnquiryForms.WriteForm;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A participant's ADMIN manages its push subscriptions (webhooks) in the chosen context: lists them,
 * creates one, pauses and resumes it, rotates its secret ({@link SubscriptionDesk}) and reads its
 * delivery log. A secret is shown once, in the answer to the form that made it, and stored nowhere (so
 * that answer is no redirect); a repetition of that form leads to the subscription instead.
 */
@Controller
class PushSubscriptionPages {

    /** Entries of the delivery log on one page. */
    static final int LOG_PAGE_SIZE = 25;
    /** The most subscriptions the list shows (a participant has a few; the API pages through any number). */
    static final int LIST_SIZE = PageRequest.MAX_SIZE;

    private final Subscriptions subscriptions;
    private final SubscriptionDesk desk;

    PushSubscriptionPages(Subscriptions subscriptions, SubscriptionDesk desk) {
        this.subscriptions = subscriptions;
        this.desk = desk;
    }

    @GetMapping("/web/admin/subscriptions")
    ModelAndView list(Visitor visitor) {
        return listPage(admin(visitor)).addObject("form", SubscriptionForm.blank());
    }

    /** Creates a subscription: its secret on this answer; a repeated form leads to the subscription instead. */
    @PostMapping("/web/admin/subscriptions")
    ModelAndView create(Visitor visitor, @ModelAttribute("form") SubscriptionForm form, HttpServletRequest request) {
        var caller = admin(visitor);
        return new FormPage("form", form, () -> listPage(caller))
                .submit(() -> desk.create(caller, form, request))
                .page(false);
    }

    @GetMapping("/web/admin/subscriptions/{id}")
    ModelAndView subscription(Visitor visitor, @PathVariable String id, @RequestParam(defaultValue = "1") String page) {
        return subscriptionPage(admin(visitor), subscriptionId(id), pageNumber(page));
    }

    /** Pauses ({@code active=false}) or resumes ({@code active=true}) a subscription. */
    @PostMapping("/web/admin/subscriptions/{id}/active")
    String activate(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("subscriptionAction") ActionForm form,
            HttpServletRequest request) {
        var caller = admin(visitor);
        var subscription = subscriptionId(id);
        return onSubscriptionPage(caller, subscription, form)
                .submit(() -> desk.activate(caller, subscription, form, request))
                .redirect();
    }

    /** Rotates the secret: the new one on this answer; a repeated form leads to the subscription instead. */
    @PostMapping("/web/admin/subscriptions/{id}/rotate")
    ModelAndView rotate(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("subscriptionAction") ActionForm form,
            HttpServletRequest request) {
        var caller = admin(visitor);
        var subscription = subscriptionId(id);
        return onSubscriptionPage(caller, subscription, form)
                .submit(() -> desk.rotate(caller, subscription, form, request))
                .page(true);
    }

    // The participant's ADMIN acting in a context with a feed (supplier, grid operator, closed distribution network).
    private static Caller admin(Visitor visitor) {
        visitor.administered();
        return visitor.caller(Action.READ);
    }

    private ModelAndView listPage(Caller caller) {
        var carried = new ArrayList<ChangeKind>();
        carried.add(ChangeKind.ALL);
        carried.addAll(EnumSet.copyOf(ChangeKind.carriedFor(caller.role())));
        return new ModelAndView("web/admin/subscriptions")
                .addObject(
                        "subscriptions",
                        subscriptions
                                .list(caller, new PageRequest(0, LIST_SIZE))
                                .content())
                .addObject("kinds", carried);
    }

    private FormPage onSubscriptionPage(Caller caller, SubscriptionId subscription, ActionForm form) {
        return new FormPage("subscriptionAction", form, () -> subscriptionPage(caller, subscription, 1));
    }

    private ModelAndView subscriptionPage(Caller caller, SubscriptionId id, int page) {
        var subscription = subscriptions.read(caller, id);
        var log = subscriptions.deliveries(
                caller,
                id,
                new DeliveryQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        new PageRequest(page - 1, LOG_PAGE_SIZE)));
        long pages = Math.max(1, (log.totalElements() + LOG_PAGE_SIZE - 1) / LOG_PAGE_SIZE);
        return new ModelAndView("web/admin/subscription")
                .addObject("subscriptionAction", ActionForm.blank())
                .addObject("subscription", subscription)
                .addObject("kindsText", kinds(subscription.kinds()))
                .addObject("deliveries", log.content())
                .addObject("pageNumber", page)
                .addObject("pages", pages)
                .addObject("previousUrl", page > 1 ? page(id) + "?page=" + (page - 1) : null)
                .addObject("nextUrl", page < pages ? page(id) + "?page=" + (page + 1) : null)
                .addObject("paused", subscription.status() != SubscriptionStatus.ACTIVE)
                // Each action's form its own document id: a page's pause and rotate are different writes.
                .addObject("activeDocumentId", UUID.randomUUID().toString())
                .addObject("rotateDocumentId", UUID.randomUUID().toString());
    }

    // The kinds as message keys, in the enum's order.
    private static List<String> kinds(Set<ChangeKind> kinds) {
        return kinds.stream().sorted().map(kind -> "enum." + kind.name()).toList();
    }

    private static String page(SubscriptionId id) {
        return SubscriptionDesk.page(id);
    }

    private static SubscriptionId subscriptionId(String text) {
        try {
            return new SubscriptionId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new HubException(ErrorCode.RESOURCE_NOT_FOUND, "No subscription " + text, "subscription", text);
        }
    }

    private static int pageNumber(String text) {
        try {
            return Math.max(1, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The create form: where to deliver, which kinds, whether to start at once. */
    record SubscriptionForm(String documentId, String version, String url, List<String> kinds, Boolean active)
            implements WriteForm {

        SubscriptionForm {
            documentId = text(documentId);
            version = text(version);
            url = orEmpty(url);
            kinds = Forms.listed(kinds);
            active = Boolean.TRUE.equals(active);
        }

        static SubscriptionForm blank() {
            return new SubscriptionForm(UUID.randomUUID().toString(), "", "", List.of(ChangeKind.ALL.name()), true);
        }

        /** @throws FormCheck.FormInvalid with every refused field */
        NewSubscription subscription() {
            var check = new FormCheck();
            var address = check.field(() -> Forms.required("url", url));
            var chosen = check.field(() -> Forms.choices("kinds", kinds, ChangeKind.class));
            check.refuseIfAny();
            return new NewSubscription(address.orElseThrow(), chosen.orElseThrow(), active);
        }

        @Override
        public SubscriptionForm renewed(Optional<Long> shown) {
            return new SubscriptionForm(UUID.randomUUID().toString(), version, url, kinds, active);
        }

        @Override
        public Map<String, String> fields() {
            return EnquiryForms.sorted(
                    "url",
                    text(url),
                    "kinds",
                    String.join(",", kinds.stream().sorted().toList()),
                    "active",
                    "" + active);
        }
    }

    /** An action on one subscription (pause, resume, rotate): its document id and the version the page showed. */
    record ActionForm(String documentId, String version, String active) implements WriteForm {

        ActionForm {
            documentId = text(documentId);
            version = text(version);
            active = orEmpty(active).toUpperCase(Locale.ROOT);
        }

        static ActionForm blank() {
            return new ActionForm("", "", "");
        }

        /** Whether a pause/resume form resumes; read as strictly as the other forms' choices. */
        boolean resumes() {
            return Forms.choice("active", active, Activity.class) == Activity.TRUE;
        }

        @Override
        public ActionForm renewed(Optional<Long> shown) {
            return this;
        }

        @Override
        public Map<String, String> fields() {
            return EnquiryForms.sorted("version", version, "active", active);
        }
    }

    /** The pause/resume choice. */
    enum Activity {
        TRUE,
        FALSE
    }
}

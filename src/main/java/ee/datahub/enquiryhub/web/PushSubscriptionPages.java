package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.push.ChangeKind;
import ee.datahub.enquiryhub.push.DeliveryQuery;
import ee.datahub.enquiryhub.push.NewSubscription;
import ee.datahub.enquiryhub.push.SubscriptionChange;
import ee.datahub.enquiryhub.push.SubscriptionId;
import ee.datahub.enquiryhub.push.SubscriptionRefusal;
import ee.datahub.enquiryhub.push.SubscriptionRefused;
import ee.datahub.enquiryhub.push.SubscriptionStatus;
import ee.datahub.enquiryhub.push.Subscriptions;
import ee.datahub.enquiryhub.push.WithSecret;
import ee.datahub.enquiryhub.web.EnquiryForms.WriteForm;
import ee.datahub.enquiryhub.web.WebWrites.Next;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A participant's ADMIN manages its push subscriptions (webhooks) in the chosen context — the feed of
 * that participant, role and commodity: lists them, creates one (its secret shown once, on the answer
 * to the form and nowhere else), pauses and resumes it, rotates its secret (shown once too) and reads
 * its delivery log. Everything goes through the push package's {@link Subscriptions}, the service API
 * v2 uses, with its rules (URL and kinds checked, ADMIN only, versions); every write goes through the
 * write pipeline ({@link WebWrites}) with the form's document id, so a form sent twice creates or rotates
 * once (the repetition leads to the subscription, without a secret: it was shown the first time), and
 * with the version the page showed, so a stale page's action is refused instead of undoing another's.
 */
@Controller
class PushSubscriptionPages {

    static final String CREATE = "POST /web/admin/subscriptions";
    static final String ACTIVATE = "POST /web/admin/subscriptions/{id}/active";
    static final String ROTATE = "POST /web/admin/subscriptions/{id}/rotate";
    /** Entries of the delivery log on one page. */
    static final int LOG_PAGE_SIZE = 25;
    /** The most subscriptions the list shows (a participant has a few; the API pages through any number). */
    static final int LIST_SIZE = PageRequest.MAX_SIZE;
    /** The refusals name the forms' fields as they are (none is renamed). */
    private static final Map<String, String> FIELDS = Map.of();

    private final Subscriptions subscriptions;
    private final WebWrites writes;

    PushSubscriptionPages(Subscriptions subscriptions, WebWrites writes) {
        this.subscriptions = subscriptions;
        this.writes = writes;
    }

    @GetMapping("/web/admin/subscriptions")
    String list(Visitor visitor, Model model) {
        var caller = admin(visitor);
        model.addAttribute("form", new SubscriptionForm());
        return listPage(caller, model);
    }

    @PostMapping("/web/admin/subscriptions")
    String create(
            Visitor visitor,
            @ModelAttribute("form") SubscriptionForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AuditTrail.of(request).action(CREATE);
        var caller = admin(visitor);
        var url = FormErrors.check(errors, () -> FormErrors.required("url", form.getUrl()));
        var kinds = FormErrors.check(errors, () -> Forms.choices("kinds", form.getKinds(), ChangeKind.class));
        if (errors.hasErrors()) {
            form.renew();
            return failed(response, model, 400, listPage(caller, model));
        }
        var secret = new AtomicReference<WithSecret>();
        var result = writes.write(request, caller, CREATE, "", form, () -> {
            var created = refusedAsHubError(
                    () -> subscriptions.create(caller, new NewSubscription(url.get(), kinds.get(), form.isActive())));
            secret.set(created);
            return new Next(page(created.subscription().id()), "banner.subscription-created-before");
        });
        return switch (result) {
            case WebWrites.Result.Done done
            when !done.replayed() && secret.get() != null -> {
                // The secret is shown in this answer only: not stored, not redirected through the session.
                model.addAttribute("withSecret", secret.get());
                model.addAttribute("rotated", false);
                yield "web/admin/subscription-secret";
            }
            case WebWrites.Result.Done done -> {
                redirect.addFlashAttribute("banner", done.next().banner());
                yield "redirect:" + done.next().location();
            }
            case WebWrites.Result.Refused refused -> {
                FormErrors.reject(errors, refused.error(), FIELDS);
                form.renew();
                yield failed(response, model, refused.error().error().status(), listPage(caller, model));
            }
        };
    }

    @GetMapping("/web/admin/subscriptions/{id}")
    String subscription(
            Visitor visitor,
            @PathVariable String id,
            @RequestParam(name = "page", defaultValue = "1") String page,
            Model model) {
        var caller = admin(visitor);
        model.addAttribute("subscriptionAction", new ActionForm());
        return subscriptionPage(caller, subscriptionId(id), pageNumber(page), model);
    }

    /** Pauses ({@code active=false}) or resumes ({@code active=true}) a subscription. */
    @PostMapping("/web/admin/subscriptions/{id}/active")
    String activate(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("subscriptionAction") ActionForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AuditTrail.of(request).action(ACTIVATE);
        var caller = admin(visitor);
        var subscription = subscriptionId(id);
        var active = Forms.choice("active", form.getActive(), Activity.class) == Activity.TRUE;
        var result = writes.write(request, caller, ACTIVATE, subscription.toString(), form, () -> {
            refusedAsHubError(() -> subscriptions.change(
                    caller,
                    subscription,
                    new SubscriptionChange(Optional.empty(), Optional.empty(), Optional.of(active)),
                    form.expectedVersion()));
            return new Next(page(subscription), active ? "banner.subscription-resumed" : "banner.subscription-paused");
        });
        return actionWritten(result, caller, subscription, errors, model, response, redirect);
    }

    @PostMapping("/web/admin/subscriptions/{id}/rotate")
    String rotate(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("subscriptionAction") ActionForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AuditTrail.of(request).action(ROTATE);
        var caller = admin(visitor);
        var subscription = subscriptionId(id);
        var secret = new AtomicReference<WithSecret>();
        var result = writes.write(request, caller, ROTATE, subscription.toString(), form, () -> {
            secret.set(refusedAsHubError(
                    () -> subscriptions.rotateSecret(caller, subscription, Optional.empty(), form.expectedVersion())));
            return new Next(page(subscription), "banner.subscription-rotated-before");
        });
        if (result instanceof WebWrites.Result.Done done && !done.replayed() && secret.get() != null) {
            model.addAttribute("withSecret", secret.get());
            model.addAttribute("rotated", true);
            return "web/admin/subscription-secret";
        }
        return actionWritten(result, caller, subscription, errors, model, response, redirect);
    }

    /** The participant's ADMIN acting in a context with a feed (supplier, grid operator, closed distribution network). */
    private static Caller admin(Visitor visitor) {
        visitor.administered();
        return visitor.caller(Action.READ);
    }

    private String actionWritten(
            WebWrites.Result result,
            Caller caller,
            SubscriptionId subscription,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return switch (result) {
            case WebWrites.Result.Done done -> {
                redirect.addFlashAttribute("banner", done.next().banner());
                yield "redirect:" + done.next().location();
            }
            case WebWrites.Result.Refused refused -> {
                if (refused.error().error() == ErrorCode.RESOURCE_NOT_FOUND) {
                    throw refused.error();
                }
                // The page as it is now (its current version in the forms), the refusal above it.
                FormErrors.reject(errors, refused.error(), FIELDS);
                yield failed(
                        response,
                        model,
                        refused.error().error().status(),
                        subscriptionPage(caller, subscription, 1, model));
            }
        };
    }

    private String listPage(Caller caller, Model model) {
        model.addAttribute(
                "subscriptions",
                subscriptions.list(caller, new PageRequest(0, LIST_SIZE)).content());
        var carried = new ArrayList<ChangeKind>();
        carried.add(ChangeKind.ALL);
        carried.addAll(EnumSet.copyOf(ChangeKind.carriedFor(caller.role())));
        model.addAttribute("kinds", carried);
        return "web/admin/subscriptions";
    }

    private String subscriptionPage(Caller caller, SubscriptionId id, int page, Model model) {
        var subscription = refusedAsHubError(() -> subscriptions.read(caller, id));
        var log = subscriptions.deliveries(
                caller,
                id,
                new DeliveryQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        new PageRequest(page - 1, LOG_PAGE_SIZE)));
        model.addAttribute("subscription", subscription);
        model.addAttribute("kindsText", kinds(subscription.kinds()));
        model.addAttribute("deliveries", log.content());
        long pages = Math.max(1, (log.totalElements() + LOG_PAGE_SIZE - 1) / LOG_PAGE_SIZE);
        model.addAttribute("pageNumber", page);
        model.addAttribute("pages", pages);
        model.addAttribute("previousUrl", page > 1 ? page(id) + "?page=" + (page - 1) : null);
        model.addAttribute("nextUrl", page < pages ? page(id) + "?page=" + (page + 1) : null);
        model.addAttribute("paused", subscription.status() != SubscriptionStatus.ACTIVE);
        // Each action's form its own document id: a page's pause and rotate are different writes.
        model.addAttribute("activeDocumentId", UUID.randomUUID().toString());
        model.addAttribute("rotateDocumentId", UUID.randomUUID().toString());
        return "web/admin/subscription";
    }

    /** The kinds as message keys, in the enum's order. */
    private static List<String> kinds(Set<ChangeKind> kinds) {
        return kinds.stream().sorted().map(kind -> "enum." + kind.name()).toList();
    }

    private static String page(SubscriptionId id) {
        return "/web/admin/subscriptions/" + id;
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

    private static String failed(HttpServletResponse response, Model model, int status, String view) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        return view;
    }

    /** The push package's refusals as the hub's errors, named by the web's fields. */
    private static <T> T refusedAsHubError(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (SubscriptionRefused refused) {
            throw error(refused.refusal());
        }
    }

    static HubException error(SubscriptionRefusal refusal) {
        Function<Set<ChangeKind>, String> names =
                kinds -> kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
        return switch (refusal) {
            case SubscriptionRefusal.NotFound r ->
                new HubException(
                        ErrorCode.RESOURCE_NOT_FOUND,
                        "Subscription " + r.id() + " was not found",
                        "subscription",
                        r.id().toString());
            case SubscriptionRefusal.UrlRefused r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "The hub does not deliver to this url: " + r.problem(),
                        "url",
                        r.url());
            case SubscriptionRefusal.KindsRefused r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "kinds must be ALL alone or kinds this feed carries (" + names.apply(r.carried()) + ")",
                        "kinds",
                        names.apply(r.given()));
            case SubscriptionRefusal.VersionConflict r ->
                new HubException(
                        ErrorCode.VERSION_CONFLICT,
                        "Subscription " + r.id() + " is at version " + r.current() + ", not " + r.expected(),
                        "subscription",
                        String.valueOf(r.expected()),
                        String.valueOf(r.current()));
            case SubscriptionRefusal.ReplayBeyondRetention r ->
                new HubException(
                        ErrorCode.CHANGE_PERIOD_BEYOND_RETENTION,
                        "Replay from " + HubTime.format(r.earliest()) + " or later",
                        "since");
            case SubscriptionRefusal.ReplayFromTheFuture r ->
                new HubException(ErrorCode.INVALID_VALUE, "since is in the future", "since");
            case SubscriptionRefusal.OverlapRefused r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "The previous secret's overlap must be from 0 to " + r.max(),
                        "overlap");
        };
    }

    /** The pause/resume choice, read as strictly as the other forms' choices. */
    enum Activity {
        TRUE,
        FALSE
    }

    /** The create form: where to deliver, which kinds, whether to start at once. */
    public static class SubscriptionForm extends WriteForm {
        private String url = "";
        private List<String> kinds = new ArrayList<>(List.of(ChangeKind.ALL.name()));
        private boolean active = true;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public List<String> getKinds() {
            return kinds;
        }

        public void setKinds(List<String> kinds) {
            this.kinds = kinds;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }

        @Override
        Map<String, String> fields() {
            var fields = new LinkedHashMap<String, String>();
            fields.put("url", Forms.text(url));
            fields.put(
                    "kinds",
                    String.join(
                            ",",
                            kinds == null ? List.of() : kinds.stream().sorted().toList()));
            fields.put("active", String.valueOf(active));
            return fields;
        }
    }

    /** An action on one subscription (pause, resume, rotate): its document id and the version the page showed. */
    public static class ActionForm extends WriteForm {
        private String active = "";

        public String getActive() {
            return active;
        }

        public void setActive(String active) {
            this.active = active == null ? "" : active.toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        Map<String, String> fields() {
            return Map.of("version", Forms.text(getVersion()), "active", active);
        }
    }
}

package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.push.SubscriptionChange;
import ee.datahub.enquiryhub.push.SubscriptionId;
import ee.datahub.enquiryhub.push.Subscriptions;
import ee.datahub.enquiryhub.push.WithSecret;
import ee.datahub.enquiryhub.web.EnquiryForms.WriteForm;
import ee.datahub.enquiryhub.web.PushSubscriptionPages.ActionForm;
import ee.datahub.enquiryhub.web.PushSubscriptionPages.SubscriptionForm;
import ee.datahub.enquiryhub.web.WebWrites.Next;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * What an ADMIN does with push subscriptions through the forms, one call per form: through the push
 * package's {@link Subscriptions} (API v2's service, with its rules), every write through the one
 * pipeline ({@link WebWrites}) with the form's document id and the version the page showed.
 */
@Component
class SubscriptionDesk {

    private final Subscriptions subscriptions;
    private final WebWrites writes;

    SubscriptionDesk(Subscriptions subscriptions, WebWrites writes) {
        this.subscriptions = subscriptions;
        this.writes = writes;
    }

    /** A write that makes a secret: the secret when this request made it, and where the browser goes otherwise. */
    record Made(Optional<WithSecret> secret, Next next) {

        /** The secret's page, shown once; a redirect when an earlier copy of the form made it. */
        ModelAndView page(boolean rotated) {
            return secret.map(made -> new ModelAndView("web/admin/subscription-secret")
                            .addObject("withSecret", made)
                            .addObject("rotated", rotated))
                    .orElseGet(() -> new ModelAndView(next.redirect()));
        }
    }

    Made create(Caller admin, SubscriptionForm form, HttpServletRequest request) {
        var asked = form.subscription();
        return made(request, admin, "", form, () -> {
            var created = subscriptions.create(admin, asked);
            return new Shown(
                    created, new Next(page(created.subscription().id()), "banner.subscription-created-before"));
        });
    }

    /** Pauses or resumes a subscription, as the form says. */
    Next activate(Caller admin, SubscriptionId id, ActionForm form, HttpServletRequest request) {
        return writes.write(request, admin, id.toString(), form, () -> {
                    var change =
                            new SubscriptionChange(Optional.empty(), Optional.empty(), Optional.of(form.resumes()));
                    subscriptions.change(admin, id, change, form.expectedVersion());
                    return new Next(
                            page(id), form.resumes() ? "banner.subscription-resumed" : "banner.subscription-paused");
                })
                .next();
    }

    Made rotate(Caller admin, SubscriptionId id, ActionForm form, HttpServletRequest request) {
        return made(
                request,
                admin,
                id.toString(),
                form,
                () -> new Shown(
                        subscriptions.rotateSecret(admin, id, Optional.empty(), form.expectedVersion()),
                        new Next(page(id), "banner.subscription-rotated-before")));
    }

    private record Shown(WithSecret secret, Next next) {}

    private Made made(HttpServletRequest request, Caller admin, String target, WriteForm form, Supplier<Shown> work) {
        var made = new AtomicReference<WithSecret>();
        var written = writes.write(request, admin, target, form, () -> {
            var shown = work.get();
            made.set(shown.secret());
            return shown.next();
        });
        return new Made(written.replayed() ? Optional.empty() : Optional.ofNullable(made.get()), written.next());
    }

    static String page(SubscriptionId id) {
        return "/web/admin/subscriptions/" + id;
    }
}

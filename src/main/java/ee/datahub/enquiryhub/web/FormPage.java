package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.error.HubException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a form is on: {@link #submit} runs the form's work, and a refusal of it is thrown as
 * {@link Refused} for {@link WebAdvice} to show the page again, with the form as posted and every
 * refusal beside its field. {@code name} is the form's model attribute.
 */
record FormPage(String name, Object form, Supplier<ModelAndView> page) {

    /** What {@code work} returns; its refusal (a client's mistake, by {@link WebRefusals}) thrown as {@link Refused}. */
    <T> T submit(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException thrown) {
            var errors = WebRefusals.of(thrown);
            if (errors.isPresent()) {
                throw new Refused(this, errors.get());
            }
            throw thrown;
        }
    }

    /** A form's submission refused, with every error. */
    static final class Refused extends RuntimeException {

        private final FormPage page;
        private final List<HubException> errors;

        Refused(FormPage page, List<HubException> errors) {
            super("form refused", null, false, false);
            this.page = page;
            this.errors = List.copyOf(errors);
        }

        FormPage page() {
            return page;
        }

        List<HubException> errors() {
            return errors;
        }
    }
}

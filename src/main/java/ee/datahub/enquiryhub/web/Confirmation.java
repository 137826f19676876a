package ee.datahub.enquiryhub.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page that asks before a destructive action (revoking a technical user or a person's permissions,
 * deleting a push subscription): what will happen, in words, and a form that posts the action. No
 * script: the action's own page, reached by a link, its button the only way to take it.
 *
 * @param title message key of the heading, quoting {@code args}
 * @param consequences message keys of what will happen, each quoting {@code args}
 * @param action where the confirming form posts
 * @param fields the form's hidden fields
 * @param button message key of the confirming button
 * @param back where "no" leads
 */
record Confirmation(
        String title,
        List<String> consequences,
        Object[] args,
        String action,
        Map<String, String> fields,
        String button,
        String back) {

    ModelAndView page() {
        return new ModelAndView("web/admin/confirm").addObject("confirm", this);
    }
}

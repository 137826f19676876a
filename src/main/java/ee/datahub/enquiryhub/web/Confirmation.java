package ee.datahub.enquiryhub.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page that asks before a destructive action (revoking a technical user or a person's permissions,
 * deleting a push subscription): the consequences in words and a form that posts the action, its button
 * the only way to take it (no script). {@code title}, {@code consequences} and {@code button} are message
 * keys quoting {@code args}; {@code fields} are the form's hidden fields; {@code back} is where "no" leads.
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

package ee.datahub.enquiryhub.web;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Where a handler sends the browser after a write (POST, then redirect, then GET), with what the next page says. */
final class Redirects {

    private Redirects() {}

    /** A redirect to {@code location}, whose page finds {@code value} as its attribute {@code name} (once). */
    static String to(String location, String name, Object value) {
        var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        RequestContextUtils.getOutputFlashMap(request).put(name, value);
        return "redirect:" + location;
    }
}

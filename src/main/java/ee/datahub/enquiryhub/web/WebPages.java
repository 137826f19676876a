package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The web interface's frame: the start page, choosing the context, and the pages around login and refusal. */
@Controller
class WebPages {

    private final Visitors visitors;
    private final Inbox inbox;

    WebPages(Visitors visitors, Inbox inbox) {
        this.visitors = visitors;
        this.inbox = inbox;
    }

    /** The hub's address in a browser leads to the web interface. */
    @GetMapping("/")
    String root() {
        return "redirect:/web/";
    }

    /** The start page: what the person acts as, and how many enquiries are unread, due soon and overdue. */
    @GetMapping({"/web", "/web/"})
    ModelAndView home(Visitor visitor) {
        if (visitor.context().isEmpty()) {
            return new ModelAndView(visitor.contexts().isEmpty() ? "web/no-access" : "redirect:/web/context");
        }
        if (visitor.isHubOperator()) {
            return new ModelAndView("redirect:/web/operator/participants");
        }
        var home = new ModelAndView("web/home");
        return visitor.may(Action.READ) ? home.addObject("counts", inbox.counts(visitor.caller(Action.READ))) : home;
    }

    @GetMapping("/web/context")
    String contexts(Visitor visitor) {
        return visitor.contexts().isEmpty() ? "web/no-access" : "web/context";
    }

    /** Switches the context (the switcher on every page, or the choice after login). */
    @PostMapping("/web/context")
    String choose(
            Visitor visitor, @RequestParam(name = "context", required = false) String key, HttpServletRequest request) {
        visitors.choose(request, visitor, key);
        return "redirect:/web/";
    }

    @GetMapping("/web/signed-out")
    String signedOut() {
        return "web/signed-out";
    }

    @GetMapping("/web/login-failed")
    ModelAndView loginFailed() {
        return new ModelAndView("web/login-failed", HttpStatus.UNAUTHORIZED);
    }

    /** Any other path of the web interface: a page saying so, not the API's JSON. */
    @RequestMapping("/web/**")
    ModelAndView notFound() {
        return new ModelAndView("web/not-found", HttpStatus.NOT_FOUND);
    }
}

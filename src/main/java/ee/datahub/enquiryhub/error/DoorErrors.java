package ee.datahub.enquiryhub.error;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * A door's errors: the paths it serves, the shape of its error bodies (an {@code id}, and the error's
 * message, code, traceId and args where the door puts them), and, as the door's advice scoped to its
 * controllers, what escapes them. {@link Doors} answers in that shape before the controllers too.
 */
public abstract class DoorErrors extends ErrorAdvice {

    private final Predicate<String> paths;
    private final UnaryOperator<ObjectNode> placement;

    /**
     * @param paths which request paths (without the context path) are this door's
     * @param placement where in the body (the object holding {@code id}) the error's fields go
     */
    protected DoorErrors(Predicate<String> paths, UnaryOperator<ObjectNode> placement) {
        this.paths = paths;
        this.placement = placement;
    }

    /** True when a request with this path (the context path removed) came in by this door. */
    public boolean serves(String path) {
        return paths.test(path);
    }

    /** The error body this door answers with. */
    public String body(HubException error, String traceId) {
        return ErrorResponses.body(error, traceId, placement);
    }

    @Override
    protected final DoorErrors doorOf(HttpServletRequest request) {
        return this;
    }
}

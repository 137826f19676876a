package ee.datahub.enquiryhub.enquiry;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a result, with the paging state the answer headers carry. {@code exact} tells whether
 * {@code totalElements} was counted or is an estimate (a long result's, see {@link Window}); an
 * estimate never ends the pages before the results do.
 */
public record Page<T>(List<T> content, int page, int size, long totalElements, boolean exact) {

    public Page {
        content = List.copyOf(content);
    }

    /** A page of a result counted exactly. */
    public Page(List<T> content, int page, int size, long totalElements) {
        this(content, page, size, totalElements, true);
    }

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(content.stream().map(mapper).toList(), page, size, totalElements, exact);
    }
}

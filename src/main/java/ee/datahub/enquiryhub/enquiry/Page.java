package ee.datahub.enquiryhub.enquiry;

import java.util.List;
import java.util.function.Function;

/** One page of a result, with the paging state the answer headers carry. */
public record Page<T>(List<T> content, int page, int size, long totalElements) {

    public Page {
        content = List.copyOf(content);
    }

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(content.stream().map(mapper).toList(), page, size, totalElements);
    }
}

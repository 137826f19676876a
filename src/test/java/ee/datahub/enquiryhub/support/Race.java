package ee.datahub.enquiryhub.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Sends copies of a request at the same moment, each from its own thread, and collects the answers in order. */
public final class Race {

    private Race() {}

    public static <T> List<T> concurrently(int copies, Supplier<T> request) throws Exception {
        var pool = Executors.newFixedThreadPool(copies);
        try {
            var ready = new CountDownLatch(copies);
            var go = new CountDownLatch(1);
            var futures = new ArrayList<CompletableFuture<T>>();
            for (int i = 0; i < copies; i++) {
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            ready.countDown();
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return request.get();
                        },
                        pool));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            var responses = new ArrayList<T>();
            for (var future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}

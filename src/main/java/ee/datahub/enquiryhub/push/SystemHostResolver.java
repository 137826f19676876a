package ee.datahub.enquiryhub.push;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * The system's resolver, bounded by the connect timeout: a resolver that does not answer would
 * otherwise hold a delivery (or an ADMIN's request) for as long as the system's own timeouts.
 */
@Component
class SystemHostResolver implements HostResolver {

    private final long timeoutMillis;

    SystemHostResolver(PushSettings settings) {
        this.timeoutMillis = settings.connectTimeout().toMillis();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        var lookup = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return List.of(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                command -> Thread.ofVirtual().start(command));
        try {
            return lookup.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UnknownHostException unknown ? unknown : new UnknownHostException(host);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(host + " (no answer from the resolver within " + timeoutMillis + " ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host);
        }
    }
}

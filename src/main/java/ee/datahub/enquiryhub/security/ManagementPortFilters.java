package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.Doors;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The actuator on a port of its own ({@code management.server.port}) runs in a child context, which
 * registers none of the hub's servlet filters: this gives it the ones every answer needs first, the
 * request and trace ids and the door (the error shape), as on the hub's own port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementPortFilters {

    @Bean
    FilterRegistrationBean<TraceIdFilter> managementTraceIds(TraceIdFilter traceIds) {
        var registration = new FilterRegistrationBean<>(traceIds);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Doors> managementDoors(Doors doors) {
        var registration = new FilterRegistrationBean<>(doors);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}

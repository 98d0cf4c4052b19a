package dev.tokencookie.endpoints.boundary;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Decides which requests the module's error bodies may shape: those of its own endpoints and those no resource
 * matched, never the errors of a team's resource that shares the application.
 */
public final class ModuleScope {

    private ModuleScope() {
    }

    public static boolean covers(ResourceInfo matched) {
        Class<?> resource = matched == null ? null : matched.getResourceClass();
        return resource == null || resource.isAnnotationPresent(ModuleEndpoint.class);
    }

    /**
     * Whether the matched method is a resource's own code. A method without an HTTP method annotation is the runtime's
     * (Jersey's answer to OPTIONS): it answers preflights and runs no code of a resource.
     */
    public static boolean isResourceCode(ResourceInfo matched) {
        Method method = matched == null ? null : matched.getResourceMethod();
        return method != null && Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }
}

package dev.tokencookie.endpoints.boundary;

import jakarta.ws.rs.container.ResourceInfo;

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
}

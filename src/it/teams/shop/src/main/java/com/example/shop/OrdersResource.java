package com.example.shop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The shop's own resource behind the module's filter: it knows the caller from the request. */
@Path("orders")
@RequestScoped
public class OrdersResource {

    @Inject
    OrderBook book;

    @GET
    @RolesAllowed("customer")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject mine(@Context SecurityContext security) {
        String caller = security.getUserPrincipal().getName();
        return Json.createObjectBuilder()
                .add("owner", caller)
                .add("items", Json.createArrayBuilder(book.itemsOf(caller)))
                .build();
    }

    @POST
    @RolesAllowed("customer")
    public void place(@QueryParam("item") String item, @Context SecurityContext security) {
        if (item == null || item.isBlank()) {
            // The shop's own error, which the module must not rewrite.
            throw new BadRequestException();
        }
        book.place(security.getUserPrincipal().getName(), item);
    }
}

package com.example.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The shop's own API under /rest: it scans the WAR, as many applications do. */
@ApplicationPath("rest")
public class ShopApplication extends Application {
}

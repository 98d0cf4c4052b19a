package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order, in the shop's own table of the shop's own persistence unit. */
@Entity
@Table(name = "SHOP_ORDER")
public class ShopOrder {

    @Id
    @GeneratedValue
    private Long id;

    private String owner;

    private String item;

    protected ShopOrder() {
    }

    public ShopOrder(String owner, String item) {
        this.owner = owner;
        this.item = item;
    }

    public String getItem() {
        return item;
    }
}

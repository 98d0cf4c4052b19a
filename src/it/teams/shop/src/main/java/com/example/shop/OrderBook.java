package com.example.shop;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The shop's EJB: an unnamed persistence context, which works only while the WAR has a single unit. */
@Stateless
public class OrderBook {

    @PersistenceContext
    EntityManager em;

    public void place(String owner, String item) {
        em.persist(new ShopOrder(owner, item));
    }

    public List<String> itemsOf(String owner) {
        return em.createQuery("SELECT o.item FROM ShopOrder o WHERE o.owner = :owner ORDER BY o.id", String.class)
                .setParameter("owner", owner)
                .getResultList();
    }
}

package com.example;

import pinmc.api.Invariants;

/**
 * A user's model: two deposits of 10 into one account, either as a read and a separate write
 * ("racy") or in a synchronized method ("locked"). The racy one can lose a deposit.
 */
public final class Account {
  static int balance;

  public static void main(String[] args) throws InterruptedException {
    boolean racy = args[0].equals("racy");
    Thread alice = new Thread(racy ? Account::depositRacily : Account::deposit, "alice");
    Thread bob = new Thread(racy ? Account::depositRacily : Account::deposit, "bob");
    alice.start();
    bob.start();
    alice.join();
    bob.join();
    Invariants.check("no-lost-deposit", balance == 20, "balance is " + balance + " after two deposits of 10");
  }

  static void depositRacily() {
    int before = balance;
    balance = before + 10;
  }

  static synchronized void deposit() {
    balance += 10;
  }
}

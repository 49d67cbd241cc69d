package com.google.pinmctest;

/**
 * A lost update in a package that begins like one of pinmc's dependencies (Guava's): it must
 * be instrumented like any model, not taken for a library the engine shares.
 */
public class GoogleLostUpdate implements Runnable {
  private int deposits;

  @Override
  public void run() {
    int seen = deposits;
    deposits = seen + 1;
  }

  public static void main(String[] args) throws InterruptedException {
    GoogleLostUpdate account = new GoogleLostUpdate();
    Thread teller = new Thread(account);
    teller.start();
    account.run();
    teller.join();
    assert account.deposits == 2 : "a deposit was lost";
  }
}

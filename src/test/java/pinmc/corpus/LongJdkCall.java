package pinmc.corpus;

import java.math.BigInteger;

/**
 * A thread that spends seconds inside one JDK call, where the engine sees no scheduling point
 * and no loop of the model's: only the local-progress timeout can stop it.
 */
public class LongJdkCall {
  static int done;

  public static void main(String[] args) throws InterruptedException {
    Thread t = new Thread(() -> {
      done = BigInteger.valueOf(3).pow(20_000_000).bitLength() > 0 ? 1 : 0;
    });
    t.start();
    t.join();
  }
}

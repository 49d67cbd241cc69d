package pinmc.corpus.control;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A model that branches on a value its schedule does not determine; args[0] picks the source. */
public class Nondeterministic {
  static long draw(String source) {
    switch (source) {
      case "nanoTime": return System.nanoTime();
      case "currentTimeMillis": return System.currentTimeMillis();
      case "instant": return Instant.now().getNano();
      case "clock": return Clock.systemUTC().millis();
      case "localDateTime": return LocalDateTime.now().getSecond();
      case "date": return new Date().getTime();
      case "identityHashCode": return System.identityHashCode(new Object());
      case "mathRandom": return (long) (Math.random() * 2);
      case "threadLocalRandom": return ThreadLocalRandom.current().nextInt(2);
      case "uuid": return UUID.randomUUID().getLeastSignificantBits();
      case "unseededRandom": return new Random().nextInt(2);
      case "unseededRandomLong": return new Random().nextLong();
      case "shuffle": {
        List<Integer> l = new ArrayList<>(List.of(1, 2, 3));
        Collections.shuffle(l);
        return l.get(0);
      }
      case "objectHashCode": return new Object().hashCode();
      case "seededRandom": return new Random(42).nextInt(2) + new Random(42).nextLong();
      default: throw new IllegalArgumentException(source);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    long v = draw(args[0]);
    Thread t = new Thread(() -> { });
    t.start();
    t.join();
    assert v % 2 == 0 || args[0].equals("seededRandom") : "odd";
  }
}

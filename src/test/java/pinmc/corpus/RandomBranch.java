package pinmc.corpus;

import java.util.Random;

/** A branch on java.util.Random that fails for one of three values (found only when Random is enumerated). */
public class RandomBranch {
  public static void main(String[] args) {
    int v = new Random().nextInt(3);
    assert v != 2 || args.length > 0 : "random value 2";
  }
}

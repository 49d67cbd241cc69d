package pinmc.corpus;

import pinmc.api.Choice;

/** A branch on a nondeterministic value that fails for exactly one of three values. */
public class ChoiceBranch {
  public static void main(String[] args) {
    int v = Choice.nextInt(3);
    int w = Choice.nextBoolean() ? 1 : 0;
    assert !(v == 2 && w == 1) : "chose v=2, w=1";
  }
}

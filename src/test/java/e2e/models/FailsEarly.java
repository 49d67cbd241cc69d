package e2e.models;

/** A model that throws before it starts any thread: an error in the model, not a violation. */
public final class FailsEarly {
  private FailsEarly() {}

  public static void main(String[] args) {
    throw new IllegalStateException("no pages configured");
  }
}

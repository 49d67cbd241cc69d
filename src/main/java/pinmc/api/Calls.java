package pinmc.api;

import pinmc.api.spi.CallDescriptions;

/**
 * Says which operation the current atomic step stands for and with which arguments, so that a
 * counterexample shows the call as a reader knows it ({@code pinUserPages(app.mm, page 0,
 * FOLL_LONGTERM)}) rather than only the method that happened to run the step. Call it inside the
 * step's atomic block; it changes nothing the model does, and costs nothing when no engine is
 * recording a counterexample.
 */
public final class Calls {
  private Calls() {}

  /**
   * @param call the operation's name, or null to keep the name of the method that runs the step
   * @param arguments the arguments that matter, as the reader should see them ({@code page 0, FOLL_WRITE})
   */
  public static void describe(String call, String arguments) {
    CallDescriptions.described(call, arguments);
  }
}

package pinmc.corpus;

/** Main asks a thread it started whether it is alive: the assertion that it is fails when the thread has already ended. */
public class IsAliveRacesEnd {
  static int done;

  public static void main(String[] args) throws InterruptedException {
    Thread child = new Thread(() -> done = 1);
    child.start();
    boolean alive = child.isAlive();
    child.join();
    assert alive : "the thread had ended";
  }
}

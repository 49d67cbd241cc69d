package pinmc.corpus;

/** Two threads increment a shared counter without synchronisation: an update can be lost. */
public class LostUpdate {
  static int counter;

  public static void main(String[] args) throws InterruptedException {
    Thread a = new Thread(() -> counter++);
    Thread b = new Thread(() -> counter++);
    a.start();
    b.start();
    a.join();
    b.join();
    assert counter == 2 : "lost update: counter = " + counter;
  }
}

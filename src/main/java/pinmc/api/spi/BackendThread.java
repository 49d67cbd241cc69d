package pinmc.api.spi;

/** A thread that runs model code for an engine and supplies that engine's backend. */
public interface BackendThread {
  Backend pinmcBackend();
}

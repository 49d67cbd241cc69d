/**
 * Blocking-heavy programs: threads that wait on monitors and conditions and wake each other.
 * They are where a stateless search pays most, since every order of critical sections,
 * failed guard checks and wake-ups is a trace of its own, while a search that matches
 * states (Java PathFinder) meets the same heap many times and explores it once. {@code pinmc
 * bench --series blocking} runs them at growing sizes, with JPF in the same run.
 */
package pinmc.blocking;

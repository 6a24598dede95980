// Resets the simulator to its seeded state. The box must be ticked: the browser asks for it and
// the server action refuses without it.
type Props = { action: (form: FormData) => Promise<void> };

export function SimulatorResetForm({ action }: Props) {
  return (
    <form action={action} aria-label="Reset the simulator" className="space-y-3">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" required className="mt-0.5" />
        <span>
          I understand: the simulator forgets every fault, token, pairing, command and log, and
          returns to its seeded fleet.
        </span>
      </label>
      <button
        type="submit"
        className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800"
      >
        Reset simulator
      </button>
    </form>
  );
}

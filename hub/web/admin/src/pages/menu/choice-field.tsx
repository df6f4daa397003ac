/** A labelled select of named choices (a station, a category): the add form and the editor share it. */
export function ChoiceField(props: {
  label: string;
  name: string;
  value: string;
  choices: ReadonlyArray<{ id: string; name: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <label class="field">
      {props.label}
      <select name={props.name} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A JSON value as nested lists of labelled fields, for a structured answer. */
export function ObjectView({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    return (
      <ul className="object-array">
        {value.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the items have no identity but their place.
          <li key={index}>
            <ObjectView value={item} />
          </li>
        ))}
      </ul>
    )
  }
  if (typeof value === 'object' && value !== null) {
    return (
      <dl className="object">
        {Object.entries(value).map(([key, item]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              <ObjectView value={item} />
            </dd>
          </div>
        ))}
      </dl>
    )
  }
  return (
    <span className={`json-${typeof value}`}>
      {typeof value === 'string' ? value : JSON.stringify(value)}
    </span>
  )
}

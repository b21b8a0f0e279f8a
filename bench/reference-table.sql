-- The reference table of the bench (issue 12): 8 columns, one of each common kind.
CREATE TABLE person (
  id bigserial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text NOT NULL UNIQUE,
  city text,
  created_at timestamptz NOT NULL,
  balance numeric(10,2),
  active boolean NOT NULL
);

-- Constructs real schemas use that textbook ones do not: the paths the
-- public corpus exercises, in a file that ships with datagen.

SET search_path = public;

-- Quoted, non-ASCII, UPPERCASE and reserved-word identifiers.
CREATE DOMAIN "bıgınt" AS bigint;
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));

CREATE TABLE "User" (
    "ID"      "bıgınt" NOT NULL,
    "select"  text NOT NULL,
    born      year,
    CONSTRAINT "User_pkey" PRIMARY KEY ("ID")
);

CREATE TABLE QRTZ_JOBS (
    SCHED_NAME  varchar(120) NOT NULL,
    JOB_NAME    varchar(200) NOT NULL,
    JOB_GROUP   varchar(200) NOT NULL,
    PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

-- Two composite FKs sharing a column (as in Quartz).
CREATE TABLE QRTZ_CALENDARS (
    SCHED_NAME  varchar(120) NOT NULL,
    CAL_NAME    varchar(200) NOT NULL,
    PRIMARY KEY (SCHED_NAME, CAL_NAME)
);

CREATE TABLE QRTZ_TRIGGERS (
    SCHED_NAME    varchar(120) NOT NULL,
    TRIGGER_NAME  varchar(200) NOT NULL,
    JOB_NAME      varchar(200) NOT NULL,
    JOB_GROUP     varchar(200) NOT NULL,
    CAL_NAME      varchar(200),
    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME),
    FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOBS (SCHED_NAME, JOB_NAME, JOB_GROUP),
    FOREIGN KEY (SCHED_NAME, CAL_NAME) REFERENCES QRTZ_CALENDARS (SCHED_NAME, CAL_NAME)
);

-- One-to-one: the FK is the whole primary key.
CREATE TABLE QRTZ_SIMPLE (
    SCHED_NAME    varchar(120) NOT NULL,
    TRIGGER_NAME  varchar(200) NOT NULL,
    REPEAT_COUNT  bigint NOT NULL,
    PRIMARY KEY (SCHED_NAME, TRIGGER_NAME),
    FOREIGN KEY (SCHED_NAME, TRIGGER_NAME) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME)
);

-- A cycle of NOT NULL, non-deferrable FKs: no insert order works, FKs after data do.
CREATE TABLE dept (
    dept_id   integer PRIMARY KEY,
    name      text NOT NULL,
    head_id   integer NOT NULL
);
CREATE TABLE emp (
    emp_id    integer PRIMARY KEY,
    dept_id   integer NOT NULL REFERENCES dept,
    boss_id   integer REFERENCES emp (emp_id),
    salary    numeric(9, 2) NOT NULL CHECK (salary > 0)
);
ALTER TABLE dept ADD CONSTRAINT dept_head_fkey FOREIGN KEY (head_id) REFERENCES emp (emp_id);

-- Cross-schema FK, SERIAL key referenced by a BIGINT column, FK to a UNIQUE non-PK column.
CREATE SCHEMA ref;
CREATE TABLE ref.region (
    r_regionkey  serial PRIMARY KEY,
    r_code       char(3) NOT NULL UNIQUE,
    r_name       text NOT NULL
);
CREATE TABLE nation (
    n_nationkey  bigint PRIMARY KEY,
    n_regionkey  bigint NOT NULL REFERENCES ref.region (r_regionkey),
    n_region_code char(3) REFERENCES ref.region (r_code),
    n_name       varchar(25) NOT NULL
);

-- Composite FK to a composite PK, and inet inside a composite key.
CREATE TABLE partsupp (
    ps_partkey   integer NOT NULL,
    ps_suppkey   integer NOT NULL,
    ps_cost      numeric(15, 2) NOT NULL,
    PRIMARY KEY (ps_partkey, ps_suppkey)
);
CREATE TABLE lineitem (
    l_orderkey   bigint NOT NULL,
    l_partkey    integer NOT NULL,
    l_suppkey    integer NOT NULL,
    l_linenumber integer NOT NULL,
    PRIMARY KEY (l_orderkey, l_linenumber),
    FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp
);
CREATE TABLE records (
    id           bigserial PRIMARY KEY,
    name         varchar(255) NOT NULL CHECK (name = lower(name)),
    ip           inet NOT NULL,
    port         integer NOT NULL,
    UNIQUE (ip, port)
);

-- pg_dump style: table, then a sequence OWNED BY it, a nextval default, ATTACH PARTITION.
CREATE TABLE payment (
    payment_id   integer NOT NULL,
    amount       numeric(5, 2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
) PARTITION BY RANGE (payment_date);
CREATE SEQUENCE payment_payment_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE payment_payment_id_seq OWNED BY payment.payment_id;
ALTER TABLE ONLY payment ALTER COLUMN payment_id SET DEFAULT nextval('payment_payment_id_seq'::regclass);
CREATE TABLE payment_p2022_01 (
    payment_id   integer DEFAULT nextval('payment_payment_id_seq'::regclass) NOT NULL,
    amount       numeric(5, 2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
);
ALTER TABLE ONLY payment ATTACH PARTITION payment_p2022_01 FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');
CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00');
ALTER TABLE ONLY payment ADD CONSTRAINT payment_pkey PRIMARY KEY (payment_date, payment_id);

-- Table inheritance, enum arrays, a table with no primary key, identity ALWAYS, a stored generated column.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE city (name text NOT NULL, population integer, moods mood[]);
CREATE TABLE capital (state char(2) NOT NULL) INHERITS (city);
CREATE TABLE measurement (
    id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    celsius   numeric(5, 1) NOT NULL CHECK (celsius BETWEEN -90 AND 60),
    fahrenheit numeric GENERATED ALWAYS AS (celsius * 9 / 5 + 32) STORED,
    taken_at  timestamp(3) NOT NULL
);

-- Deferrable FKs and a self-reference, declared after the data would be.
CREATE TABLE post (
    id         bigint NOT NULL,
    parent_id  bigint,
    title      varchar(100) NOT NULL,
    tags       text[] NOT NULL
);
ALTER TABLE ONLY post ADD CONSTRAINT post_pkey PRIMARY KEY (id);
ALTER TABLE ONLY post ADD CONSTRAINT post_parent_fkey FOREIGN KEY (parent_id) REFERENCES post(id) DEFERRABLE INITIALLY DEFERRED;
CREATE UNIQUE INDEX post_title_key ON post (lower((title)::text));

-- An extension and its type, a NOT VALID FK, rules, policies, grants, a materialized view.
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE TABLE account (
    account_id  integer PRIMARY KEY,
    login       citext NOT NULL UNIQUE,
    owner_emp   integer,
    matrix      integer[][] NOT NULL,
    CONSTRAINT account_owner_fkey FOREIGN KEY (owner_emp) REFERENCES emp (emp_id) NOT VALID
);
ALTER TABLE account ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_self ON account USING (login = current_user::citext);
CREATE RULE account_no_delete AS ON DELETE TO account DO INSTEAD NOTHING;
GRANT SELECT ON account TO PUBLIC;
COMMENT ON COLUMN account.login IS 'case-insensitive login';
CREATE MATERIALIZED VIEW emp_per_dept AS SELECT dept_id, count(*) AS n FROM emp GROUP BY dept_id;

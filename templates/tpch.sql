-- datagen template "tpch": the TPC-H schema (TPC Benchmark H, specification
-- 3.0, clause 1.4) with its primary and foreign keys. Row counts follow the
-- official scale ratios: region 5 and nation 25 at every scale; supplier
-- 10,000, part 200,000, partsupp 800,000 (4 suppliers per part), customer
-- 150,000, orders 1,500,000 and lineitem about 6,000,000 times the scale
-- factor. Values are datagen's, not dbgen's text.

CREATE TABLE region (
    r_regionkey integer PRIMARY KEY,
    r_name char(25) NOT NULL,
    r_comment varchar(152)
);

CREATE TABLE nation (
    n_nationkey integer PRIMARY KEY,
    n_name char(25) NOT NULL,
    n_regionkey integer NOT NULL REFERENCES region,
    n_comment varchar(152)
);

CREATE TABLE supplier (
    s_suppkey integer PRIMARY KEY,
    s_name char(25) NOT NULL,
    s_address varchar(40) NOT NULL,
    s_nationkey integer NOT NULL REFERENCES nation,
    s_phone char(15) NOT NULL,
    s_acctbal numeric(15,2) NOT NULL,
    s_comment varchar(101) NOT NULL
);

CREATE TABLE part (
    p_partkey integer PRIMARY KEY,
    p_name varchar(55) NOT NULL,
    p_mfgr char(25) NOT NULL,
    p_brand char(10) NOT NULL,
    p_type varchar(25) NOT NULL,
    p_size integer NOT NULL CHECK (p_size BETWEEN 1 AND 50),
    p_container char(10) NOT NULL,
    p_retailprice numeric(15,2) NOT NULL CHECK (p_retailprice >= 0),
    p_comment varchar(23) NOT NULL
);

CREATE TABLE partsupp (
    ps_partkey integer NOT NULL REFERENCES part,
    ps_suppkey integer NOT NULL REFERENCES supplier,
    ps_availqty integer NOT NULL CHECK (ps_availqty >= 0),
    ps_supplycost numeric(15,2) NOT NULL CHECK (ps_supplycost >= 0),
    ps_comment varchar(199) NOT NULL,
    PRIMARY KEY (ps_partkey, ps_suppkey)
);

CREATE TABLE customer (
    c_custkey integer PRIMARY KEY,
    c_name varchar(25) NOT NULL,
    c_address varchar(40) NOT NULL,
    c_nationkey integer NOT NULL REFERENCES nation,
    c_phone char(15) NOT NULL,
    c_acctbal numeric(15,2) NOT NULL,
    c_mktsegment char(10) NOT NULL CHECK (c_mktsegment IN ('AUTOMOBILE', 'BUILDING', 'FURNITURE', 'HOUSEHOLD', 'MACHINERY')),
    c_comment varchar(117) NOT NULL
);

CREATE TABLE orders (
    o_orderkey bigint PRIMARY KEY,
    o_custkey integer NOT NULL REFERENCES customer,
    o_orderstatus char(1) NOT NULL CHECK (o_orderstatus IN ('F', 'O', 'P')),
    o_totalprice numeric(15,2) NOT NULL CHECK (o_totalprice >= 0),
    o_orderdate date NOT NULL,
    o_orderpriority char(15) NOT NULL CHECK (o_orderpriority IN ('1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW')),
    o_clerk char(15) NOT NULL,
    o_shippriority integer NOT NULL,
    o_comment varchar(79) NOT NULL
);

CREATE TABLE lineitem (
    l_orderkey bigint NOT NULL REFERENCES orders,
    l_partkey integer NOT NULL,
    l_suppkey integer NOT NULL,
    l_linenumber integer NOT NULL CHECK (l_linenumber BETWEEN 1 AND 7),
    l_quantity numeric(15,2) NOT NULL CHECK (l_quantity BETWEEN 1 AND 50),
    l_extendedprice numeric(15,2) NOT NULL CHECK (l_extendedprice >= 0),
    l_discount numeric(15,2) NOT NULL CHECK (l_discount BETWEEN 0 AND 0.10),
    l_tax numeric(15,2) NOT NULL CHECK (l_tax BETWEEN 0 AND 0.08),
    l_returnflag char(1) NOT NULL CHECK (l_returnflag IN ('A', 'N', 'R')),
    l_linestatus char(1) NOT NULL CHECK (l_linestatus IN ('F', 'O')),
    l_shipdate date NOT NULL,
    l_commitdate date NOT NULL,
    l_receiptdate date NOT NULL,
    l_shipinstruct char(25) NOT NULL CHECK (l_shipinstruct IN ('DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN')),
    l_shipmode char(10) NOT NULL CHECK (l_shipmode IN ('REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB')),
    l_comment varchar(44) NOT NULL,
    PRIMARY KEY (l_orderkey, l_linenumber),
    FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp (ps_partkey, ps_suppkey)
);

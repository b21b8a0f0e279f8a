/**
 * The employees sample (MySQL's, ported to PostgreSQL) as its DDL writes it:
 * employees and their departments, and (EMPLOYEES) their titles and salaries.
 */

/** Employees, departments, their managers and their members. */
export const EMPLOYEE_DEPARTMENTS = `CREATE TABLE employees (emp_no int PRIMARY KEY, birth_date date NOT NULL, first_name varchar(14) NOT NULL,
  last_name varchar(16) NOT NULL, gender char(1) NOT NULL CHECK (gender IN ('M', 'F')), hire_date date NOT NULL);
CREATE TABLE departments (dept_no char(4) PRIMARY KEY, dept_name varchar(40) NOT NULL UNIQUE);
CREATE TABLE dept_manager (emp_no int NOT NULL REFERENCES employees ON DELETE CASCADE,
  dept_no char(4) NOT NULL REFERENCES departments ON DELETE CASCADE, from_date date NOT NULL, to_date date NOT NULL,
  PRIMARY KEY (emp_no, dept_no));
CREATE TABLE dept_emp (emp_no int NOT NULL REFERENCES employees ON DELETE CASCADE,
  dept_no char(4) NOT NULL REFERENCES departments ON DELETE CASCADE, from_date date NOT NULL, to_date date NOT NULL,
  PRIMARY KEY (emp_no, dept_no));`;

/** The whole sample: the departments' tables, with titles and salaries. */
export const EMPLOYEES = `${EMPLOYEE_DEPARTMENTS}
CREATE TABLE titles (emp_no int NOT NULL REFERENCES employees ON DELETE CASCADE, title varchar(50) NOT NULL,
  from_date date NOT NULL, to_date date, PRIMARY KEY (emp_no, title, from_date));
CREATE TABLE salaries (emp_no int NOT NULL REFERENCES employees ON DELETE CASCADE, salary int NOT NULL,
  from_date date NOT NULL, to_date date NOT NULL, PRIMARY KEY (emp_no, from_date));`;

pub fn command(_args: &[String]) -> crate::Result<()> {
    Err("todo".into())
}
